#!/usr/bin/env python3
# Session 14, lead: an experiment, not a tool. Usage: python3 nb_probe.py DUMP (tools/reason_dump.c over
# tests/classify/world/*.tsv). Result in docs/dev/session14/RULE_IDEAS.md ("a statistical fallback").
# Prototype: does a token-weight model (naive Bayes over words + code features), trained
# leave-one-source-out on world rows, predict reasons better than the library where the
# library is only weak/guess?  World rows only (no holdout).
import glob, os, re, math, collections, sys
W='/work/main/tests/classify/world'
rows=[]
for f in sorted(glob.glob(W+'/*.tsv')):
    fid=os.path.basename(f)[:-4]
    for i,line in enumerate(open(f,encoding='utf-8',errors='replace'),1):
        if line.startswith('#') or line.startswith('command\t') or not line.strip(): continue
        c=line.rstrip('\n').split('\t')
        if len(c)<5: continue
        rows.append((fid,i,c[0],c[1],c[3],c[4]))
# library LOSO answers from the dump: line "path:line srcid action reason verdict conf ..."
lib={}
for line in open(sys.argv[1]):
    p=line.split()
    if len(p)<6: continue
    path,held=p[0],p[1]
    fid=os.path.basename(path.split(':')[0])[:-4]; ln=int(path.split(':')[1])
    if held!='-': lib[(fid,ln)]=(p[3],p[4],p[5])
def feats(cmd,reply):
    t=reply.replace('\\r\\n',' ').lower()
    m=re.match(r'\s*(\d)(\d\d)',t)
    f=['CMD='+cmd]
    if m: f+=['C='+m.group(1)+m.group(2),'K='+m.group(1)]
    e=re.search(r'\b([245])\.(\d{1,3})\.(\d{1,3})\b',t)
    if e: f+=['E=%s.%s.%s'%e.groups(),'ES=%s.%s'%(e.group(1),e.group(2)),'EX=x.%s.%s'%(e.group(2),e.group(3))]
    t=re.sub(r'\S+@\S+',' ',t); t=re.sub(r'https?://\S+',' URL ',t)
    t=re.sub(r'\d+(\.\d+)+',' ',t); t=re.sub(r'\b\d+\b',' ',t)
    w=re.findall(r'[a-z\u0080-\uffff]+',t)
    f+=w+[a+'_'+b for a,b in zip(w,w[1:])]
    return set(f)
data=[(fid,ln,r,feats(cmd,rep)) for fid,ln,cmd,rep,r,v in rows]
bysrc=collections.defaultdict(list)
for d in data: bysrc[d[0]].append(d)
# global counts, then subtract a source's own for LOSO
cls=collections.Counter(); fc=collections.defaultdict(collections.Counter); df=collections.Counter()
for fid,ln,r,fs in data:
    cls[r]+=1
    for x in fs: fc[r][x]+=1; df[x]+=1
V=len(df)
def prep(excl):
    ec=collections.Counter(); ef=collections.defaultdict(collections.Counter); edf=collections.Counter()
    for fid,ln,r,f2 in excl:
        ec[r]+=1
        for x in f2: ef[r][x]+=1; edf[x]+=1
    return ec,ef,edf
def predict(fs,P):
    ec,ef,edf=P
    best=None
    for r in cls:
        n=cls[r]-ec[r]
        if n<=0: continue
        s=math.log(n)
        for x in fs:
            if df[x]-edf[x]<=0: continue
            s+=math.log((fc[r][x]-ef[r][x]+0.1)/(n+0.2))
        if best is None or s>best[0]: best=(s,r)
    return best[1]
tot=collections.Counter(); 
for fid,items in bysrc.items():
    P=prep(items)
    for _,ln,r,fs in items:
        p=predict(fs,P)
        L=lib.get((fid,ln))
        if not L: continue
        lr,lv,conf=L
        tot['n']+=1; tot['nb']+=p==r; tot['lib']+=lr==r
        tot['n_'+conf]+=1; tot['nb_'+conf]+=p==r; tot['lib_'+conf]+=lr==r
        hyb = lr if conf=='strong' else p
        tot['hyb_sw']+=hyb==r
        hyb2 = p if conf=='guess' else lr
        tot['hyb_g']+=hyb2==r
for k in sorted(tot): print(k,tot[k])
