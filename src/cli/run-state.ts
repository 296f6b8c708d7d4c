// What a command's action tells the entry point once it has run.

/** Actions report their exit code here; commander itself only knows success or failure. */
export interface RunState {
  code: number;
}
