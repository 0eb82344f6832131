# fish completion for ladder(1), one of the steady tools.

set -l __ladder_cmds add list next rate edit split done retire restore \
    start log trigger anchors correct withdraw

# The steps, "id<TAB>text", from ladder list.
function __fish_ladder_steps
    command ladder list 2>/dev/null | string match -r '^\s*\d+\s.*' |
        string replace -r '^\s*(\d+)\s+\d+\s+.{16}\s+\d+\s+\S+\s+(.*)$' '$1\t$2'
end

# True when the command is one that takes a step id and none is given.
function __fish_ladder_wants_step
    set -l words (commandline -opc)[2..-1]
    set -l ops (string match -v -- '-*' $words)
    test (count $ops) -eq 1
    and contains -- $ops[1] rate edit split done retire restore start log trigger
end

complete -c ladder -f
complete -c ladder -n "not __fish_seen_subcommand_from $__ladder_cmds" -a "$__ladder_cmds"
complete -c ladder -n __fish_ladder_wants_step -a '(__fish_ladder_steps)'

complete -c ladder -s l -l ladder -x -d 'Which ladder'
complete -c ladder -s s -l suds -x -d 'Expected distress, 0-100'
complete -c ladder -s a -l at -x -d 'When a logged trial happened'
complete -c ladder -s o -l output -r -F -a - -d 'Write the trial to FILE (- for stdout)'
complete -c ladder -s h -l help -d 'Show the usage and a summary'
complete -c ladder -s V -l version -d 'Show the version'
for o in pre peak post minutes expect expect-pct outcome-pct after-pct surprise safety learned present note
    complete -c ladder -n '__fish_seen_subcommand_from log trigger' -l $o -x
end
complete -c ladder -n '__fish_seen_subcommand_from log trigger' -l stopped -d 'Stopped early, by choice'
complete -c ladder -l redact -d 'Leave out the words people wrote (=COLS: keep only those)'
