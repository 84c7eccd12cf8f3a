import re
def parse(path="/usr/include/linux/nl80211.h"):
    t = open(path).read()
    t = re.sub(r'/\*.*?\*/', ' ', t, flags=re.S)
    t = re.sub(r'//[^\n]*', '', t)
    t = re.sub(r'\\\n', ' ', t)
    t = re.sub(r'(?m)^\s*#.*$', '', t)
    enums = {}
    for m in re.finditer(r'enum\s+(\w+)\s*\{(.*?)\}', t, re.S):
        name, body = m.group(1), m.group(2)
        ents = []; nxt = 0; known = {}
        for line in body.split(','):
            line = ' '.join(l for l in line.split('\n') if not l.strip().startswith('#')).strip()
            if not line: continue
            if '=' in line:
                n, e = [x.strip() for x in line.split('=', 1)]
                e2 = e
                for k, v in sorted(known.items(), key=lambda kv: -len(kv[0])):
                    e2 = re.sub(r'\b%s\b' % k, str(v), e2)
                e2 = e2.replace('U', '') if re.fullmatch(r'[0-9xa-fA-FU<>() |+-]+', e2) else e2
                try: v = eval(e2)
                except Exception: v = None
            else:
                n = line; v = nxt
            if v is None: continue
            known[n] = v; ents.append((n, v)); nxt = v + 1
        enums[name] = ents
    return enums
if __name__ == "__main__":
    import sys
    e = parse(sys.argv[1] if len(sys.argv) > 1 else "/usr/include/linux/nl80211.h")
    for k in sys.argv[2:]:
        print(k, e[k])
