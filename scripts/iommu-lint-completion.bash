# bash completion for iommu-lint: options (read from --help, so they are
# those of the installed binary), rule ids (--list-rules) after --explain,
# -W, -Wno-, -Werror=, and the values of --format, --engine, --confirm, --fail-on.
# Installed as share/bash-completion/completions/iommu-lint (make install).

_iommu_lint_rules()
{
	"$1" --list-rules 2>/dev/null | awk '{ print $1 }'
}

# an "--opt=value" word is replaced whole: put "--opt=" back in front
_iommu_lint_prefix()
{
	[[ -n $1 ]] && COMPREPLY=("${COMPREPLY[@]/#/$1}")
	return 0
}

_iommu_lint()
{
	local cur prev opt cmd words eq=0 pre=
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	cmd=${COMP_WORDS[0]}
	command -v "$cmd" >/dev/null 2>&1 || cmd=iommu-lint
	COMPREPLY=()

	# "--opt=value" is split at '=' by COMP_WORDBREAKS, or stays one word
	if [[ $cur == "=" ]]; then
		opt=$prev
		cur=
		eq=1
	elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
		eq=1
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		pre=$opt=
		cur=${cur#*=}
	else
		opt=$prev
	fi

	case $opt in
	--explain)
		COMPREPLY=($(compgen -W "$(_iommu_lint_rules "$cmd")" -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	-Werror)
		if ((eq)); then
			COMPREPLY=($(compgen -W "$(_iommu_lint_rules "$cmd")" -- "$cur"))
			return
		fi
		;;
	--format)
		COMPREPLY=($(compgen -W "text json sarif codequality patch html" -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	--color | --caret | --progress)
		# an optional value: only in the --opt=WHEN form
		if ((eq)) || [[ -n $pre ]]; then
			COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
			_iommu_lint_prefix "$pre"
			return
		fi
		;;
	--engine)
		COMPREPLY=($(compgen -W "auto clang ts" -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	--confirm)
		COMPREPLY=($(compgen -W "needed all" -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	--fail-on)
		COMPREPLY=($(compgen -W "error warning note" -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	--diff)
		words=$(git for-each-ref --format='%(refname:short)' 2>/dev/null)
		COMPREPLY=($(compgen -W "HEAD $words" -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	--patch-dir | --sarif-dir | --merge)
		COMPREPLY=($(compgen -d -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	-p | -o | --output | --baseline | --write-baseline | --files-from | --export-fixes)
		COMPREPLY=($(compgen -f -- "$cur"))
		_iommu_lint_prefix "$pre"
		return
		;;
	-j | --jobs | --kernel | --shard)
		return
		;;
	esac

	case $cur in
	-W*)
		local id ids=
		for id in $(_iommu_lint_rules "$cmd"); do
			ids+=" -W$id -Wno-$id -Werror=$id"
		done
		COMPREPLY=($(compgen -W "-Wall -Werror $ids" -- "$cur"))
		;;
	-*)
		words=$("$cmd" --help 2>/dev/null | grep -oE -- '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' |
			tr -d ' ,' | grep -v '^-W' | sort -u)
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		;;
	*)
		COMPREPLY=($(compgen -f -X '!*.[ch]' -- "$cur") $(compgen -d -- "$cur"))
		;;
	esac
}
complete -F _iommu_lint iommu-lint
