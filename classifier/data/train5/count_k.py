import json,collections,sys
cols=['THREAT','HATE','INSULT','PROFANITY','SEXUAL','VIOLENCE','CRIME','ADVERTISING','PERSONAL_DATA','SECRET','QUESTION','COMPLAINT','POLITICAL']
langs=['da','sv','nb','nn','en']
import os
d=os.path.dirname(os.path.abspath(__file__))+'/'
rows=[];tot=collections.Counter();N=0
print('| lang | lines | no harm label | no COMPLAINT | '+' | '.join(cols)+' |')
print('|'+'---|'*(len(cols)+4))
for lg in langs:
  c=collections.Counter();n=0;none=0;nc=0
  for l in open(d+f'train-k-{lg}.jsonl'):
    o=json.loads(l);n+=1
    if not o['labels']: none+=1
    if 'COMPLAINT' not in o['intents']: nc+=1
    for x in o['labels']+o['intents']: c[x]+=1
  tot.update(c);tot['_none']+=none;tot['_nc']+=nc;N+=n
  print(f'| {lg} | {n} | {none} | {nc} | '+' | '.join(str(c[x]) for x in cols)+' |')
print(f'| **all** | {N} | {tot["_none"]} | {tot["_nc"]} | '+' | '.join(str(tot[x]) for x in cols)+' |')
print()
kinds=['complaint','not_complaint','veiled_threat','threat_lookalike','hate_no_slur','group_neutral','private_data','public_contact','criticism','request_no_qmark','rhetorical','ordinary']
print('| lang | '+' | '.join(kinds)+' |')
print('|'+'---|'*(len(kinds)+1))
for lg in langs:
  c=collections.Counter(json.loads(l)['kind'] for l in open(d+f'train-k-{lg}.jsonl'))
  print(f'| {lg} | '+' | '.join(str(c[k]) for k in kinds)+' |')
