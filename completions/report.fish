# fish completion for report(1), one of the steady tools.

complete -c report -s f -l format -x -a 'table\t"An aligned table (on a terminal)"
csv\t"Comma-separated (in a pipe)"
tsv\t"Tab-separated"
md\t"Markdown"
json\t"JSON"
html\t"One HTML page with charts"' -d 'Write the report in FORMAT'
complete -c report -s b -l by -x -a 'day week month all' -d 'Split each group into periods'
complete -c report -s g -l group -x -d 'A group for each value of COLUMN'
complete -c report -s s -l since -x -a 'today yesterday 7d 4w 3m' -d 'From WHEN'
complete -c report -s u -l until -x -a 'today yesterday 7d 4w 3m' -d 'Up to WHEN'
complete -c report -s c -l cols -x -d 'The columns to summarise, with commas'
complete -c report -s S -l source -x -d "The name for standard input's rows"
complete -c report -l strict -d 'Stop at the first row that cannot be used'
complete -c report -l concerns-exit -d 'Exit 3 when a concern is named'
complete -c report -l urges -d 'Read an urge log too (left out as private)'
complete -c report -l summary -d 'One row per source: a caseload at a glance'
complete -c report -l partial -d 'Write mergeable partial results instead'
complete -c report -l merge -d 'Read partial results and combine them'
complete -c report -s h -l help -d 'Show the usage and options'
complete -c report -s V -l version -d 'Show the version'
complete -c report -l redact -d 'Leave out the words people wrote (=COLS: keep only those)'
