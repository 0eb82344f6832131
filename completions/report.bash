# bash completion for report(1), one of the steady tools.

_report()
{
	local cur prev opt=''
	local opts='--by --cols --concerns-exit --format --group --help --merge --partial
	    --redact --since --source --strict --summary --until --urges --version
	    -b -c -f -g -h -s -S -u -V'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# bash splits "--by=week" at the "=" into three words unless
	# COMP_WORDBREAKS is changed; handle both spellings.
	if [[ $cur == = ]]; then
		opt=$prev cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} cur=${cur#*=}
	else
		case $prev in
		-b | --by | -c | --cols | -f | --format | -g | --group | \
		-s | --since | -S | --source | -u | --until)
			opt=$prev ;;
		esac
	fi

	case $opt in
	'') ;;
	-f | --format)
		mapfile -t COMPREPLY < <(compgen -W \
		    'table csv tsv md json html' -- "$cur")
		return 0 ;;
	-b | --by)
		mapfile -t COMPREPLY < <(compgen -W 'day week month all' \
		    -- "$cur")
		return 0 ;;
	-s | --since | -u | --until)
		mapfile -t COMPREPLY < <(compgen -W \
		    'today yesterday 7d 4w 3m' -- "$cur")
		return 0 ;;
	*)
		return 0 ;;	# a column or a name: nothing to offer
	esac

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi

	# Operands are logs, any CSV or TSV, or partial results.
	if declare -F _filedir >/dev/null; then
		_filedir
	else
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
	return 0
}
complete -F _report report
