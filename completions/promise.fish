# fish completion for promise(1), one of the steady tools.

set -l __promise_cmds make kept renegotiated missed offered talked urge open correct withdraw
set -l __promise_kinds make kept renegotiated missed offered talked urge

# The open promises, "id<TAB>words", from promise open.
function __fish_promise_open
    command promise open 2>/dev/null | tail -n +2 |
        string replace -r '^(\d+)\t[^\t]*\t(.*)$' '$1\t$2'
end

# True when the command takes a promise's number and none is given.
function __fish_promise_wants_id
    set -l words (commandline -opc)[2..-1]
    set -l ops (string match -v -- '-*' $words)
    test (count $ops) -eq 1
    and contains -- $ops[1] kept renegotiated missed
end

complete -c promise -f
complete -c promise -n "not __fish_seen_subcommand_from $__promise_cmds" -a "$__promise_cmds"
complete -c promise -n __fish_promise_wants_id -a '(__fish_promise_open)'
# correct and withdraw: the kind of line first.
function __fish_promise_wants_kind
    set -l words (commandline -opc)[2..-1]
    set -l ops (string match -v -- '-*' $words)
    test (count $ops) -eq 1
    and contains -- $ops[1] correct withdraw
end
complete -c promise -n __fish_promise_wants_kind -a "$__promise_kinds"
complete -c promise -n '__fish_seen_subcommand_from make' -a 'by= who= note='
complete -c promise -n '__fish_seen_subcommand_from urge' -a 'strength= helped= note='

complete -c promise -s a -l at -x -d 'Record it for an earlier time'
complete -c promise -s f -l file -r -F -d 'The shared record'
complete -c promise -s o -l output -r -F -a - -d 'Write the record to FILE (- for stdout)'
complete -c promise -s p -l plan -d 'Show your safety plan'
complete -c promise -s h -l help -d 'Show the usage and a summary'
complete -c promise -s V -l version -d 'Show the version'
complete -c promise -l redact -d 'Leave out the words people wrote (=COLS: keep only those)'
