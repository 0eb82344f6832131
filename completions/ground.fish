# fish completion for ground(1), one of the steady tools.

# True while no option that leaves no room for an exercise has been given
# and no exercise has been named yet.
function __fish_ground_wants_exercise
    __fish_seen_argument -s l -l list -s p -l plan -s h -l help \
        -s V -l version -s c -l correct -s w -l withdraw
    and return 1
    set -l names (command ground --list 2>/dev/null)
    for word in (commandline -opc)[2..-1]
        contains -- $word $names
        and return 1
    end
    return 0
end

complete -c ground -f

complete -c ground -s n -l no-rate -d 'Do not ask how distressed you feel'
complete -c ground -s r -l rounds -x -d 'Breathe N rounds'
complete -c ground -s m -l minutes -x -d 'Breathe for about M minutes'
complete -c ground -s o -l output -r -F -a - -d 'Write the record to FILE (- for stdout)'
complete -c ground -s t -l trial -x -d 'The exposure trial this exercise is part of'
complete -c ground -s l -l list -d 'List the exercises'
complete -c ground -s c -l correct -x -d 'Correct the record of WHEN with name=value'
complete -c ground -s w -l withdraw -x -d 'Withdraw the record of WHEN'
complete -c ground -s p -l plan -d 'Show your safety plan and crisis lines'
complete -c ground -s h -l help -d 'Show the usage and options'
complete -c ground -s V -l version -d 'Show the version'

complete -c ground -n __fish_ground_wants_exercise -a '(command ground --list 2>/dev/null)'
complete -c ground -l redact -d 'Leave out the words people wrote (=COLS: keep only those)'
