# bash completion for ratel(1)                        -*- shell-script -*-
#
# Commands, subcommands, options and option values come from the tool's
# own help (`ratel --help`, `ratel help COMMAND`) and plan ids from
# `ratel plans list --format tsv`, so the completion always matches the
# tool being completed (the word typed as the command: `./build/ratel`
# completes for that binary). Installed as
# share/bash-completion/completions/ratel; needs only bash.

# The commands of `ratel --help` ("Commands:" list, first words).
_ratel_commands()
{
    "$1" --help 2>/dev/null |
        sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\).*/\1/p' | sort -u
}

# The subcommands of command $2: the lower-case second words of its lines
# in the "Commands:" list ("plans list", "schemas list|show").
_ratel_subcommands()
{
    "$1" --help 2>/dev/null |
        sed -n "/^Commands:/,/^\$/s/^  $2 \\([a-z|][a-z|]*\\)\\( .*\\)*\$/\\1/p" |
        tr '|' '\n' | sort -u
}

# The option lines of `ratel help $2`: "SPEC<TAB>" for each ("--plan ID",
# "-o, --output OUT"), the spec being the text before two spaces.
_ratel_option_specs()
{
    "$1" help "$2" 2>/dev/null |
        sed -n 's/^  \(-[^ ]*\( [^ ][^ ]*\)*\)  .*/\1/p; s/^  \(-[^ ]*\( [^ ][^ ]*\)*\)$/\1/p'
}

# The plan ids the tool loads, with the --tables and --plans given so far.
_ratel_plan_ids()
{
    local tool=$1 i args=()
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case ${COMP_WORDS[i]} in
        --tables | --plans) args+=("${COMP_WORDS[i]}" "${COMP_WORDS[i + 1]}") ;;
        esac
    done
    "$tool" plans list --format tsv "${args[@]}" 2>/dev/null | cut -f1 | sort -u
}

_ratel()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local tool=${COMP_WORDS[0]} cmd spec value words
    COMPREPLY=()
    command -v "$tool" >/dev/null 2>&1 || tool=ratel
    # --opt=VALUE arrives as "--opt" "=" "VALUE" (COMP_WORDBREAKS)
    if [[ $cur == "=" && $prev == -* ]]; then
        cur=""
    elif [[ $prev == "=" ]] && ((COMP_CWORD > 2)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "$(_ratel_commands "$tool") --help --version" -- "$cur"))
        return 0
    fi
    cmd=${COMP_WORDS[1]}
    if [[ $cmd == help ]]; then
        ((COMP_CWORD == 2)) &&
            COMPREPLY=($(compgen -W "$(_ratel_commands "$tool")" -- "$cur"))
        return 0
    fi

    # The value of the option before the cursor.
    if [[ $prev == -* ]]; then
        while IFS= read -r spec; do
            case " ${spec//,/} " in
            *" $prev "*) ;;
            *) continue ;;
            esac
            value=${spec##* }
            [[ $value == -* ]] && break  # the option takes no value
            case $prev in
            --plan | --from | --to)
                COMPREPLY=($(compgen -W "$(_ratel_plan_ids "$tool")" -- "$cur"))
                ;;
            *)
                if [[ $value == *"|"* ]]; then
                    words=${value//|/ }
                    COMPREPLY=($(compgen -W "$words" -- "$cur"))
                fi
                ;; # else a file: the default completion
            esac
            return 0
        done < <(_ratel_option_specs "$tool" "$cmd")
    fi

    if [[ $cur == -* ]]; then
        words=$(_ratel_option_specs "$tool" "$cmd" | grep -o -- '--*[a-z][a-z-]*')
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return 0
    fi
    if ((COMP_CWORD == 2)); then
        words=$(_ratel_subcommands "$tool" "$cmd")
        [[ -n $words ]] && COMPREPLY=($(compgen -W "$words" -- "$cur"))
    fi
    return 0
}

complete -o bashdefault -o default -F _ratel ratel
