# Shared helpers of the Docker/CI-template tests (sourced, not run).

# known_packages PKG...: print the names Debian's package lists know (one
# apt-cache call for all: a call per package costs about a second).
known_packages() {
	apt-cache policy "$@" 2>/dev/null | awk '
		/^[^ ].*:$/ { name = substr($0, 1, length($0) - 1); next }
		/^  Candidate:/ && $2 != "(none)" && name != "" { print name; name = "" }'
}

# installed_packages PKG...: print those installed here.
installed_packages() {
	dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null |
		awk '$NF == "installed" && $(NF-1) == "ok" { print $1 }'
}

# owners FILE...: "FILE PACKAGE" for each file dpkg knows, looked up under
# its own path and its resolved one (usrmerge), in one dpkg call.
owners() {
	local f args=()
	for f in "$@"; do
		args+=("$f" "$(readlink -f "$f")")
	done
	dpkg -S "${args[@]}" 2>/dev/null | awk -v files="${args[*]}" '
		BEGIN { n = split(files, a, " "); for (i = 1; i <= n; i += 2) { want[a[i]] = a[i]; want[a[i+1]] = a[i] } }
		{ split($0, kv, ": "); pkg = kv[1]; sub(/,.*/, "", pkg); sub(/:.*/, "", pkg); path = kv[2]
		  if ((path in want) && !(want[path] in seen)) { seen[want[path]] = 1; print want[path], pkg } }'
}
