# bash completion for checkin(1), one of the steady tools.

# The rating operands, "name=" for each item checkin knows (its --items
# listing, header skipped), then "note=".  Items already on the command
# line are left out, since each may be given once.
# The form named with --form (or -f) on the command line, if any.
_checkin_form()
{
	local i w

	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--form=?*) printf '%s\n' "${w#--form=}"; return ;;
		-f | --form)
			w=${COMP_WORDS[i + 1]}
			[[ $w == = ]] && w=${COMP_WORDS[i + 2]}
			printf '%s\n' "$w"
			return ;;
		esac
	done
}

# With --form, the operands are that form's items ("name="), no note.
_checkin_operands()
{
	local given=" " i w name form

	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == *=* ]]; then
			given+="${w%%=*} "
		elif [[ ${COMP_WORDS[i + 1]} == = ]]; then
			given+="$w "
		fi
	done
	form=$(_checkin_form)
	{
		read -r _ &&
		while IFS=$'\t' read -r name _; do
			[[ $given == *" $name "* ]] || printf '%s=\n' "$name"
		done
	} < <(command checkin ${form:+--form "$form"} --items 2>/dev/null)
	[[ -n $form || $given == *" note "* ]] || printf '%s\n' note=
}

_checkin()
{
	local cur prev opt='' i w
	local opts='--at --correct --due --edit --help --items --log --output
	    --plan --quiet --redact --remind --since --until --version --withdraw
	    -a -c -d -e -h -i -l -o -p -q -r -s -u -V -w
	    --form --forms -f -F --assign -A'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# bash splits "--since=7d" and "mood=6" at the "=" into three words
	# unless COMP_WORDBREAKS is changed; handle both spellings.
	if [[ $cur == = ]]; then
		opt=$prev cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} cur=${cur#*=}
	elif [[ $cur == *=* ]]; then
		return 0	# a rating's value: nothing to offer
	else
		case $prev in
		-a | --at | -o | --output | -s | --since | -u | --until | \
		    -c | --correct | -w | --withdraw | -f | --form)
			opt=$prev ;;
		esac
	fi

	case $opt in
	'') ;;
	-s | --since | -u | --until)
		mapfile -t COMPREPLY < <(compgen -W \
		    'today yesterday 7d 4w 3m' -- "$cur")
		return 0 ;;
	-f | --form)
		mapfile -t COMPREPLY < <(compgen -W "$(command checkin --forms \
		    2>/dev/null | cut -f1 | tail -n +2)" -- "$cur")
		return 0 ;;
	-o | --output)
		if declare -F _filedir >/dev/null; then
			_filedir
		else
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		[[ - == "$cur"* ]] && COMPREPLY+=(-)
		return 0 ;;
	*)
		return 0 ;;	# a time for --at, or a rating's value
	esac

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi

	# Ratings are for recording; --assign takes an assignment's fields,
	# and the other modes take no operands.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--assign | -A)
			mapfile -t COMPREPLY < <(compgen -W 'kind= what= times=
			    per= from= until= note=' -- "$cur")
			compopt -o nospace 2>/dev/null || :
			return 0 ;;
		--due | --remind | --log | --items | --plan | --help | --version | \
		    --withdraw | --forms)
			return 0 ;;
		--*) ;;
		-[!-]*)
			[[ ${w:1} == *[drliphVFA]* && ${w:1:1} != [aosuf] ]] &&
			    return 0 ;;
		esac
	done

	mapfile -t COMPREPLY < <(compgen -W "$(_checkin_operands)" -- "$cur")
	if ((${#COMPREPLY[@]})); then
		compopt -o nospace 2>/dev/null || :
	fi
	return 0
}
complete -F _checkin checkin
