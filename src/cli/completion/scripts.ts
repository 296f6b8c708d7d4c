// The scripts that teach a shell to complete cim: each calls `cim complete -- <words>` at every TAB
// and reads back one candidate a line (value, a tab, a description), then `:<directive>`, the
// protocol of @bomb.sh/tab (the one cobra's scripts speak). zsh and fish get tab's own scripts.
// bash gets the short one below instead, because tab's bash script (0.0.22) needs the
// bash-completion package's `_get_comp_words_by_ref`, sends the words after the cursor too, and
// passes the candidates through `compgen -W`, which expands `$(…)` in them.
import { script } from '@bomb.sh/tab';
import type { Shell } from './shells.js';

/** Bit values of the directive line, as tab and cobra define them. */
export const DIRECTIVE = { noSpace: 2, noFiles: 4, dirs: 16 } as const;

const BASH = `# bash completion for cim: load it with  source <(cim completion bash)
__cim_complete() {
    local cur=\${COMP_WORDS[COMP_CWORD]} out line directive=0
    local -a replies=()
    # The words up to the cursor, the one being completed last; bash splits --flag=value at the =.
    out=$(cim complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
    while IFS= read -r line; do
        if [[ $line =~ ^:([0-9]+)$ ]]; then
            directive=\${BASH_REMATCH[1]}
        elif [[ -n $line ]]; then
            replies+=("\${line%%$'\\t'*}")
        fi
    done <<< "$out"
    if (( directive & ${DIRECTIVE.dirs} )); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        return 0
    fi
    if (( ! (directive & ${DIRECTIVE.noFiles}) && \${#replies[@]} == 0 )); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
    fi
    (( directive & ${DIRECTIVE.noSpace} )) && compopt -o nospace 2>/dev/null
    # Completing right after "--flag=": the word bash replaces is the "=" itself.
    [[ $cur == "=" ]] && replies=("\${replies[@]/#/=}")
    COMPREPLY=("\${replies[@]}")
    return 0
}
complete -F __cim_complete cim
`;

/** The completion script for a shell. */
export function completionScript(shell: Shell): string {
  if (shell === 'bash') return BASH;
  return captured(() => script(shell, 'cim', 'cim'));
}

/** What a function of tab writes with console.log, which is how it hands out its scripts. */
function captured(write: () => void): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.map(String).join(' '));
  try {
    write();
  } finally {
    console.log = log;
  }
  return `${lines.join('\n')}\n`;
}
