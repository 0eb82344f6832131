# fish completion for checkin(1), one of the steady tools.

# True while no option that takes checkin out of recording has been given.
function __fish_checkin_recording
    not __fish_seen_argument -s d -l due -s r -l remind -s l -l log \
        -s i -l items -s p -l plan -s h -l help -s V -l version \
        -s w -l withdraw -s F -l forms -s A -l assign
end

# After --assign: the fields of an assignment not yet given, and after
# kind= or per= the values they take.
function __fish_checkin_assign
    set -l token (commandline -ct)
    switch $token
        case 'kind=*'
            printf 'kind=%s\n' ground ladder reflect other
            return
        case 'per=*'
            printf 'per=%s\n' day week
            return
        case '*=*'
            return
    end
    set -l given
    for word in (commandline -opc)[2..-1]
        string match -q -- '*=*' $word
        and set -a given (string split -m 1 = -- $word)[1]
    end
    for f in 'kind=	ground, ladder, reflect or other' \
        'what=	The exercise, step, kind of reflection or words' \
        'times=	How many times (1)' 'per=	day or week (day)' \
        'from=	The first day (today)' 'until=	The last day (none)' \
        'note=	Anything to remember about it'
        set -l name (string split -m 1 = -- $f)[1]
        contains -- $name $given
        or printf "$f\n"
    end
end

# The form named with --form (or -f) on the command line, if any.
function __fish_checkin_form
    set -l words (commandline -opc)[2..-1]
    for i in (seq (count $words))
        switch $words[$i]
            case '--form=*'
                string replace -- --form= '' $words[$i]
                return
            case -f --form
                set -q words[(math $i + 1)]
                and printf '%s\n' $words[(math $i + 1)]
                return
        end
    end
end

# "name=" for each item in checkin --items (header skipped), with its
# question, then "note="; items already given are left out, since each
# may be given once.  After "name=", the values in the item's range.
function __fish_checkin_operands
    set -l token (commandline -ct)
    set -l form (__fish_checkin_form)
    set -l items (command checkin --items 2>/dev/null)[2..-1]
    set -l given
    for word in (commandline -opc)[2..-1]
        string match -q -- '*=*' $word
        and set -a given (string split -m 1 = -- $word)[1]
    end
    # With --form, the operands are that form's items, and no note.
    if test -n "$form"
        set items (command checkin --form $form --items 2>/dev/null)[2..-1]
        set -a given note
    end
    if string match -q -- '*=*' $token
        set -l name (string split -m 1 = -- $token)[1]
        for line in $items
            set -l f (string split \t -- $line)
            if test "$f[1]" = "$name"; and test (count $f) -ge 3
                for v in (seq -- $f[2] $f[3])
                    printf '%s=%s\n' $name $v
                end
            end
        end
        return
    end
    for line in $items
        set -l f (string split \t -- $line)
        contains -- $f[1] $given
        or printf '%s=\t%s\n' $f[1] $f[5]
    end
    contains -- note $given
    or printf '%s\t%s\n' note= 'A note in your own words'
end

complete -c checkin -f

complete -c checkin -s a -l at -x -d 'Record the check-in for an earlier time'
complete -c checkin -s f -l form -x -a '(command checkin --forms 2>/dev/null | tail -n +2 | cut -f1,3)' -d 'Answer a questionnaire'
complete -c checkin -s F -l forms -d 'List the questionnaires you can answer'
complete -c checkin -s A -l assign -d 'Plan a practice: kind=ground what=box ...'
complete -c checkin -s e -l edit -d 'Write the note in your editor'
complete -c checkin -s o -l output -r -F -a - -d 'Write the record to FILE (- for stdout)'
complete -c checkin -s d -l due -d "Say whether today's check-in is open"
complete -c checkin -s q -l quiet -d 'With --due, print nothing'
complete -c checkin -s r -l remind -d 'Like --due, as a desktop notification'
complete -c checkin -s l -l log -d 'Print the check-in log'
complete -c checkin -s c -l correct -x -d 'Correct the check-in of WHEN with item=value'
complete -c checkin -s w -l withdraw -x -d 'Withdraw the check-in of WHEN'
complete -c checkin -s s -l since -x -a 'today yesterday 7d 4w 3m' -d 'With --log, from WHEN'
complete -c checkin -s u -l until -x -a 'today yesterday 7d 4w 3m' -d 'With --log, up to WHEN'
complete -c checkin -s i -l items -d 'List the items you can rate'
complete -c checkin -s p -l plan -d 'Show your safety plan and crisis lines'
complete -c checkin -s h -l help -d 'Show the usage and options'
complete -c checkin -s V -l version -d 'Show the version'

complete -c checkin -n __fish_checkin_recording -a '(__fish_checkin_operands)'
complete -c checkin -n '__fish_seen_argument -s A -l assign' -a '(__fish_checkin_assign)'
complete -c checkin -l redact -d 'Leave out the words people wrote (=COLS: keep only those)'
