#!/bin/sh
# Compiles powercut-fs.c (beside this script) into the executable named by $1; the directory
# must exist. Needs gcc, pkg-config and libfuse3-dev. The binary is written under a temporary
# name and renamed, so test workers building at once never run half a file.
set -eu
out="$1"
here="$(dirname "$0")"
gcc -std=c11 -Wall -Wextra -Werror -O2 -o "$out.$$" "$here/powercut-fs.c" $(pkg-config --cflags --libs fuse3)
mv "$out.$$" "$out"
