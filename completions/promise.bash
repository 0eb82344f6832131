# bash completion for promise(1), one of the steady tools.

# The numbers of the open promises, from promise open.
_promise_ids()
{
	command promise open 2>/dev/null | awk -F '\t' 'NR > 1 { print $1 }'
}

_promise()
{
	local cur prev verb='' kind='' i w n=0 fields=''
	local cmds='make kept renegotiated missed offered talked urge open
	    correct withdraw'
	local kinds='make kept renegotiated missed offered talked urge'
	local opts='--at --file --output --plan --redact --help --version
	    -a -f -o -p -h -V'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	case $prev in
	-o | --output | -f | --file)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		[[ $prev == -o || $prev == --output ]] &&
		    [[ - == "$cur"* ]] && COMPREPLY+=(-)
		return 0 ;;
	-a | --at)
		return 0 ;;
	esac

	# The command is the first operand; count the operands after it.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-o | --output | -f | --file | -a | --at) ((i++)) ;;
		-*) ;;
		*)
			if [[ -z $verb ]]; then verb=$w
			elif [[ -z $kind && ($verb == correct ||
			    $verb == withdraw) ]]; then kind=$w
			else ((n++)); fi ;;
		esac
	done

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi
	if [[ -z $verb ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$cmds" -- "$cur")
		return 0
	fi
	# correct and withdraw: the kind of line, then its number or time.
	if [[ $verb == correct || $verb == withdraw ]]; then
		if [[ -z $kind ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$kinds" -- "$cur")
			return 0
		fi
		((n == 0)) && return 0
		[[ $verb == withdraw ]] && return 0
		case $kind in
		urge) verb=urge ;;
		*) fields='what= by= who= note=' ;;
		esac
	fi
	case $verb in
	make) fields='what= by= who= note=' ;;
	kept | missed) fields='who= note=' ;;
	renegotiated) fields='by= what= who= note=' ;;
	offered | talked) fields='what= who= note=' ;;
	urge) fields='urge= strength= helped= note=' ;;
	esac
	case $verb in
	kept | renegotiated | missed)
		if ((n == 0)) && [[ $cur != *=* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$(_promise_ids)" \
			    -- "$cur")
			return 0
		fi ;;
	esac
	if [[ -n $fields && $cur != *=* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$fields" -- "$cur")
		compopt -o nospace 2>/dev/null || :
	fi
	return 0
}
complete -F _promise promise
