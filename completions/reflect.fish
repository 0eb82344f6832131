# fish completion for reflect(1), one of the steady tools.

set -l __reflect_kinds journal thought exposure weekly experiment scan search prompts traps correct withdraw

# The fields of the kind on the command line, as "name=".
function __fish_reflect_fields
    set -l words (commandline -opc)
    set -l kind journal
    for w in $words[2..-1]
        if contains -- $w journal thought exposure weekly experiment
            set kind $w
            break
        end
    end
    switch $kind
        case journal weekly
            printf '%s\n' text=
        case thought
            printf '%s\n' situation= emotion= intensity= thought= traps= evidence_for= evidence_against= balanced= intensity_after=
        case exposure
            printf '%s\n' went_well= hard= adjust= learned=
        case experiment
            printf '%s\n' thought= traps= belief= prediction= done= happened= belief_after=
    end
end

function __fish_reflect_prompts
    command reflect prompts 2>/dev/null | tail -n +2 | string replace -r '\t([^\t]*)\t(.*)' '\t$2'
end

complete -c reflect -f

complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a journal -d 'A journal entry'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a thought -d 'A thought record'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a exposure -d 'Looking back on an exposure trial'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a weekly -d 'A weekly reflection'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a experiment -d 'A behavioural experiment'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a scan -d 'List possible thinking traps in text'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a search -d 'Find past entries'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a prompts -d 'List the journal prompts'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a traps -d 'List the thinking traps'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a correct -d 'Correct an entry, by its id'
complete -c reflect -n "not __fish_seen_subcommand_from $__reflect_kinds" -a withdraw -d 'Withdraw an entry, by its id'

complete -c reflect -n '__fish_seen_subcommand_from journal thought exposure weekly experiment' -a '(__fish_reflect_fields)'
complete -c reflect -n '__fish_seen_subcommand_from scan' -F

complete -c reflect -s l -l line -d 'Write a journal entry on one line'
complete -c reflect -s p -l prompt -x -a '(__fish_reflect_prompts)' -d 'The journal prompt to use'
complete -c reflect -s t -l trial -x -d 'The exposure trial to look back on'
complete -c reflect -s o -l output -r -F -a - -d 'Write the entry to FILE (- for stdout)'
complete -c reflect -s k -l kind -x -a 'journal thought exposure weekly experiment' -d 'With search, only this kind'
complete -c reflect -s s -l since -x -a 'today yesterday 7d 4w 3m' -d 'With search, from WHEN'
complete -c reflect -s u -l until -x -a 'today yesterday 7d 4w 3m' -d 'With search, up to WHEN'
complete -c reflect -s h -l help -d 'Show the usage and options'
complete -c reflect -s V -l version -d 'Show the version'
complete -c reflect -l redact -d 'Leave out the words people wrote (=COLS: keep only those)'
