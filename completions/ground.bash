# bash completion for ground(1), one of the steady tools.

_ground()
{
	local cur prev i w
	local opts='--correct --help --list --minutes --no-rate --output --plan
	    --redact --rounds --trial --version --withdraw -c -h -l -m -n -o -p
	    -r -t -V -w'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	case $prev in
	-o | --output)
		if declare -F _filedir >/dev/null; then
			_filedir
		else
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		[[ - == "$cur"* ]] && COMPREPLY+=(-)
		return 0 ;;
	-r | --rounds | -m | --minutes)
		return 0 ;;	# a whole number
	-c | --correct | -w | --withdraw | -t | --trial)
		return 0 ;;	# the time of a record, a trial's id
	esac

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi

	# One exercise, and none with --list, --plan, --help or --version.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--list | --plan | --help | --version | -[lphV]) return 0 ;;
		--correct | --withdraw | -[cw]) return 0 ;;
		-o | --output | -r | --rounds | -m | --minutes | -t | --trial)
			((i++)) ;;
		-*) ;;
		*) return 0 ;;
		esac
	done

	# The names come from ground itself, so the person's own are there.
	mapfile -t COMPREPLY < <(compgen -W \
	    "$(command ground --list 2>/dev/null)" -- "$cur")
	return 0
}
complete -F _ground ground
