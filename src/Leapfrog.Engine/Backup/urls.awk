# Reads database URLs on the controller and writes one MariaDB option file (mode 0600, umask set by the caller) per
# database, so that no password ever appears in a command line, a result or a log. Prints, per database, one line
# "N<TAB>database<TAB>host<TAB>port<TAB>user<TAB>label" (no password), or "missing<TAB>label<TAB>where" / "error<TAB>text".
# First file: the service config (INI; the last value of an option wins, as in oslo.config).
# MODE=conf: the URLs are the options named in SPECS ("label=section.option,..."), numbered from 1.
# MODE=cells: the URLs are the lines of the second file (nova's cell_mappings.database_connection), numbered after
#   START; a template ({username}, {password}, ...) is filled from the config's [database] connection, as nova does.
# Run with LC_ALL=C (bytes, not characters, for %-decoding).
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
function dec(s,   out, i, c, h) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "%" && i + 2 <= length(s)) {
      h = tolower(substr(s, i + 1, 2))
      if (h ~ /^[0-9a-f][0-9a-f]$/) { out = out sprintf("%c", (index(HEX, substr(h, 1, 1)) - 1) * 16 + index(HEX, substr(h, 2, 1)) - 1); i += 2; continue }
    }
    out = out c
  }
  return out
}
function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
function last(s, c,   k) { for (k = length(s); k > 0; k--) if (substr(s, k, 1) == c) return k; return 0 }
function parse(u,   r, q, at, cred, c, hp, sl, pc, pairs, n, k) {
  split("", P)
  k = index(u, "://"); if (!k) return 0
  P["scheme"] = substr(u, 1, k - 1); r = substr(u, k + 3); P["query"] = ""; P["socket"] = ""; P["fragment"] = ""
  k = index(r, "#"); if (k) { P["fragment"] = substr(r, k + 1); r = substr(r, 1, k - 1) }
  q = index(r, "?")
  if (q) {
    P["query"] = substr(r, q + 1); r = substr(r, 1, q - 1)
    n = split(P["query"], pairs, "&")
    for (k = 1; k <= n; k++) if (pairs[k] ~ /^unix_socket=/) P["socket"] = dec(substr(pairs[k], 13))
  }
  at = last(r, "@"); P["user"] = ""; P["pass"] = ""; P["rawuser"] = ""; P["rawpass"] = ""
  if (at) {
    cred = substr(r, 1, at - 1); r = substr(r, at + 1); c = index(cred, ":")
    if (c) { P["rawuser"] = substr(cred, 1, c - 1); P["rawpass"] = substr(cred, c + 1) } else P["rawuser"] = cred
    P["user"] = dec(P["rawuser"]); P["pass"] = dec(P["rawpass"])
  }
  sl = index(r, "/"); if (!sl || sl == length(r)) return 0
  hp = substr(r, 1, sl - 1); P["db"] = substr(r, sl + 1); P["port"] = ""
  pc = last(hp, ":")
  if (pc && hp !~ /\]$/ && substr(hp, pc + 1) ~ /^[0-9]+$/) { P["port"] = substr(hp, pc + 1); hp = substr(hp, 1, pc - 1) }
  gsub(/^\[|\]$/, "", hp); P["host"] = tolower(hp)
  return 1
}
function put(s, name, value,   k, out) {
  out = ""
  while ((k = index(s, "{" name "}")) > 0) { out = out substr(s, 1, k - 1) value; s = substr(s, k + length(name) + 2) }
  return out s
}
function fill(t, d) {
  if (!parse(d)) return t
  t = put(t, "scheme", P["scheme"]); t = put(t, "username", P["rawuser"]); t = put(t, "password", P["rawpass"])
  t = put(t, "hostname", P["host"]); t = put(t, "port", P["port"]); t = put(t, "path", P["db"])
  t = put(t, "query", P["query"]); return put(t, "fragment", P["fragment"])
}
function cnf(label,   f) {
  if (P["scheme"] !~ /^mysql/) { print "error\t" label ": its database URL is not a MySQL/MariaDB URL (" P["scheme"] ")"; return }
  if (P["db"] !~ /^[A-Za-z0-9_$-]+$/) { print "error\t" label ": the database name in its URL is not a plain name"; return }
  f = W "/" (++n) ".cnf"
  printf "[client]\nuser=\"%s\"\npassword=\"%s\"\n", esc(P["user"]), esc(P["pass"]) > f
  if (P["socket"] != "") printf "socket=\"%s\"\n", esc(P["socket"]) > f
  else printf "host=\"%s\"\nport=%s\nprotocol=TCP\n", esc(P["host"] == "" ? "localhost" : P["host"]), P["port"] == "" ? 3306 : P["port"] > f
  close(f)
  print n "\t" P["db"] "\t" (P["socket"] != "" ? P["socket"] : P["host"]) "\t" (P["port"] == "" ? 3306 : P["port"]) "\t" P["user"] "\t" label
}
BEGIN { HEX = "0123456789abcdef"; n = START + 0 }
FNR == 1 { file++ }
file == 1 && /^[ \t]*\[/ { sec = $0; gsub(/[][ \t\r]/, "", sec); next }
file == 1 && /^[ \t]*[A-Za-z0-9_.-]+[ \t]*=/ { k = index($0, "="); V[sec "." trim(substr($0, 1, k - 1))] = trim(substr($0, k + 1)); next }
file == 2 && MODE == "cells" {
  line = trim($0); if (line == "" || line == "NULL") next
  if (index(line, "{")) line = fill(line, V["database.connection"])
  if (parse(line)) cnf("cell"); else print "error\ta cell's database_connection in cell_mappings is not a database URL"
}
END {
  if (MODE != "conf") exit
  m = split(SPECS, specs, ",")
  for (i = 1; i <= m; i++) {
    split(specs[i], kv, "=")
    if (V[kv[2]] == "") { print "missing\t" kv[1] "\t" kv[2]; continue }
    if (!parse(V[kv[2]])) { print "error\t" kv[2] " is not a database URL"; continue }
    cnf(kv[1])
  }
}
