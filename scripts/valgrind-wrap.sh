#!/bin/sh
# valgrind-wrap.sh FROM TO PROG...: make TO/PROG and TO/unit/* scripts that
# run FROM's binaries under valgrind; any error or leak exits 86.
set -eu
from=$(cd "$1" && pwd)
to=$2
shift 2
mkdir -p "$to/unit"
wrap() {
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=86 --leak-check=full \\\n    --errors-for-leak-kinds=definite,indirect "%s" "$@"\n' "$1" >"$2"
	chmod 755 "$2"
}
for p in "$@"; do
	wrap "$from/$p" "$to/$p"
done
for u in "$from"/unit/*; do
	wrap "$u" "$to/unit/$(basename "$u")"
done
