#!/bin/sh
# version-gen.sh [DIR] - print the version of the iommu-lint source tree DIR
# (default: this script's tree), the way git's GIT-VERSION-GEN does:
#   1. a VERSION file at the top (a `make dist` tarball has one, and no .git);
#   2. `git describe` of an annotated release tag vX.Y.Z, without the "v":
#      0.3.0 on the tag, 0.3.0-4-g1a2b3c4 four commits after it, "-dirty"
#      with uncommitted changes;
#   3. in a git tree with no release tag: DEF_VER-0-g<commit>[-dirty];
#   4. otherwise DEF_VER.
# DEF_VER is the version the next release tag will carry (docs/pre-commit.md
# pins that tag).
DEF_VER=0.3.0

top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
if [ -f "$top/VERSION" ]; then
	sed -n '1{s/[[:space:]]*$//;p;q;}' "$top/VERSION"
	exit 0
fi
# only this tree's own repository: not a repository that happens to contain it
if [ -e "$top/.git" ] && command -v git >/dev/null 2>&1; then
	git -C "$top" update-index -q --refresh >/dev/null 2>&1
	v=$(git -C "$top" describe --match 'v[0-9]*' --dirty 2>/dev/null) &&
		{ echo "${v#v}"; exit 0; }
	v=$(git -C "$top" describe --always --abbrev=7 --dirty 2>/dev/null) &&
		{ echo "$DEF_VER-0-g$v"; exit 0; }
fi
echo "$DEF_VER"
