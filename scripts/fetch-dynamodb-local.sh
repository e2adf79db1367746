#!/usr/bin/env bash
# Unpacks AWS's DynamoDB Local jar into .cache/dynamodb-local/ (git-ignored). The jar ships inside
# the npm package amplify-dynamodb-simulator; `npm pack` fetches it from the npm registry without
# installing its 283 dependencies. Needs Java 17+ to run, which the default local database does not.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/dynamodb-local
[ -f "$dest/DynamoDBLocal.jar" ] && exit 0
mkdir -p .cache "$dest"
tarball=$(cd .cache && npm pack --silent amplify-dynamodb-simulator@2.9.30 | tail -n 1)
tar -xzf ".cache/$tarball" -C .cache package/emulator
cp -R .cache/package/emulator/. "$dest/"
rm -rf .cache/package ".cache/$tarball"
echo "DynamoDB Local unpacked in $dest"
