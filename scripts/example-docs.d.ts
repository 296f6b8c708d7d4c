export declare const AS_OF: string;
export declare const EXAMPLE_DOCS: readonly { file: string; args: readonly string[]; asOf?: string }[];
