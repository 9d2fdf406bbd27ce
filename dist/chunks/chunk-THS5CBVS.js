#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as E}from"./chunk-SSGDSHTD.js";import{g as x}from"./chunk-E7L5EW2M.js";import{b as A,c as j}from"./chunk-6VR54M3O.js";import{a as b,c as D,d as H,e as $,f as P,g as k,h as W}from"./chunk-ON2IANYX.js";import{a as g,c as F}from"./chunk-AKE52X4C.js";import{c as v}from"./chunk-IRMA2UAH.js";import{a as p,b as m,d as c}from"./chunk-FY7JOBGF.js";import{a}from"./chunk-KI7I7O32.js";import{readFile as U}from"node:fs/promises";async function ae(s){if(s)try{let e=JSON.parse(await U(s,"utf8"));return e!==null&&typeof e=="object"?e:void 0}catch{return}}a(ae,"readEventPayload");var T=`'use strict';
const { parentPort } = require('node:worker_threads');
const { createHash, hash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
parentPort.once('message', run);
function run({ algorithms, chunkSize, reportEvery, batchFiles, batchBytes, paths, order, next }) {
const buffer = Buffer.allocUnsafeSlow(chunkSize);
function hashOne(id) {
  const fd = openSync(paths[id], 'r');
  try {
    // A file that ends before the buffer is full is hashed in one call per algorithm, with no hash object.
    let filled = 0;
    while (filled < chunkSize) {
      const n = readSync(fd, buffer, filled, chunkSize - filled, null);
      if (n === 0) {
        const data = buffer.subarray(0, filled);
        return [id, filled, ...algorithms.map((a) => hash(a, data, 'hex'))];
      }
      filled += n;
    }
    const hashes = algorithms.map((a) => createHash(a).update(buffer));
    let size = filled;
    let reported = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkSize, null);
      if (n === 0) break;
      const chunk = n === chunkSize ? buffer : buffer.subarray(0, n);
      for (const h of hashes) h.update(chunk);
      size += n;
      if (size - reported >= reportEvery) {
        parentPort.postMessage({ partial: [id, size] });
        reported = size;
      }
    }
    return [id, size, ...hashes.map((h) => h.digest('hex'))];
  } finally {
    closeSync(fd);
  }
}
let results = [];
let bytes = 0;
for (;;) {
  const k = Atomics.add(next, 0, 1);
  if (k >= order.length) break;
  const id = order[k];
  let r;
  try {
    r = hashOne(id);
  } catch (e) {
    results.push([id, -1, String((e && e.code) || ''), String((e && e.message) || e)]);
    break;
  }
  results.push(r);
  bytes += r[1];
  if (results.length >= batchFiles || bytes >= batchBytes) {
    parentPort.postMessage({ results });
    results = [];
    bytes = 0;
  }
}
if (results.length > 0) parentPort.postMessage({ results });
// Once the job's listener is gone nothing keeps the thread alive: it ends when this returns.
}
`;var{availableParallelism:O}=v,S=class{static{a(this,"WarmWorkers")}idle=[];constructor(e){for(let t=0;t<e;t++){let r;try{r=L()}catch{break}r.unref(),r.on("error",()=>this.drop(r)),r.on("exit",()=>this.drop(r)),this.idle.push(r)}}take(){let e=this.idle.pop();return e?.removeAllListeners("error").removeAllListeners("exit"),e}dispose(){for(let e of this.idle.splice(0))e.terminate()}drop(e){let t=this.idle.indexOf(e);t>=0&&this.idle.splice(t,1)}};function z(s=O()){return new S(Math.max(0,Math.min(s-1,M)))}a(z,"startHashWorkers");var G=6e3,K=48*1024*1024,M=8,Y=b,Z=8*1024*1024,I=64,_=4*1024*1024;function V(s,e,t=O()){if(e!==void 0)return{workers:Math.max(0,Math.min(e,s.length)),mainThread:!0};let r=s.some(o=>o.size===void 0),n=B(s);return{workers:s.length>=2&&(r||s.length/G+n/K>=1)?Math.max(0,Math.min(t-1,M,s.length-1)):0,mainThread:!0}}a(V,"planHashing");async function N(s,e={}){return X(s,e,V(s,e.workers))}a(N,"hashFiles");function X(s,e,t){return new Promise((r,n)=>new w(s,e,t,r,n).start()).finally(()=>e.warm?.dispose())}a(X,"runHashing");var w=class{static{a(this,"HashJob")}algorithms;out;progress;order;next=new Int32Array(new SharedArrayBuffer(4));partial=new Map;settled=!1;workers=[];running=0;files;options;plan;resolve;reject;constructor(e,t,r,n,i){this.files=e,this.options=t,this.plan=r,this.resolve=n,this.reject=i,this.algorithms=t.algorithms??["sha256"],this.out=new Array(e.length),this.progress={filesDone:0,filesTotal:e.length,bytesDone:0,bytesTotal:e.some(o=>o.size===void 0)?void 0:B(e)},this.order=J(e)}start(){if(this.files.length===0)return this.settle();for(let e=0;e<this.plan.workers;e++)this.startWorker();(this.plan.mainThread||this.plan.workers===0)&&(this.running++,this.mainLoop().finally(()=>this.stopped()))}stopped(){--this.running>0||this.settled||setImmediate(()=>{if(this.settled)return;let e=this.files.findIndex((t,r)=>this.out[r]===void 0);this.fail(new p("INTERNAL",`hashing stopped with ${c(this.files[e]?.path??"?")} not hashed; please report this.`))})}async mainLoop(){for(;!this.settled;){let e=this.take();if(e===void 0)return;try{let t=0,r=0;for(let n=e;n!==void 0;n=this.takeSmall()){let i=D(this.files[n].path,this.algorithms,o=>this.addBytes(o));if(i instanceof Promise){let o=await i;this.finish(n,o.digest,o.size,o.size);break}if(this.finish(n,i.digest,i.size,0),this.settled||++t>=I||(r+=i.size)>=_)break}await new Promise(n=>setImmediate(n))}catch(t){return this.fail(t)}}}startWorker(){let e={algorithms:[...this.algorithms],chunkSize:b,reportEvery:16*b,batchFiles:I,batchBytes:_,paths:this.files.map(r=>r.path),order:this.order,next:this.next},t=this.options.warm?.take()??L();t.ref(),t.postMessage(e),this.workers.push(t),this.running++,t.on("message",r=>{if(!this.settled)try{if(r.partial){let[n,i]=r.partial;this.addBytes(i-(this.partial.get(n)??0)),this.partial.set(n,i);return}for(let n of r.results){let i=n[0];if(n[1]===-1){let h=Object.assign(new Error(n[3]),{code:n[2]||void 0});return this.fail(H(this.files[i].path,h))}let o={};this.algorithms.forEach((h,u)=>o[h]=n[2+u]);let l=this.partial.get(i)??0;this.partial.delete(i),this.finish(i,o,n[1],l)}}catch(n){this.fail(n)}}),t.on("error",r=>{let n=r instanceof Error?r.message:String(r);this.fail(new p("INTERNAL",`hashing worker failed: ${n}`,{cause:r}))}),t.on("exit",r=>{r!==0&&!this.settled&&this.fail(new p("INTERNAL",`hashing worker exited early (code ${r})`)),this.stopped()})}take(){let e=Atomics.add(this.next,0,1);return e<this.order.length?this.order[e]:void 0}takeSmall(){for(;;){let e=Atomics.load(this.next,0);if(e>=this.order.length||(this.files[this.order[e]].size??0)>Y)return;if(Atomics.compareExchange(this.next,0,e,e+1)===e)return this.order[e]}}addBytes(e){this.settled||e===0||(this.progress.bytesDone+=e,this.options.onProgress?.(this.progress))}finish(e,t,r,n){if(this.settled)return;let i=this.files[e];this.out[e]={name:i.name,digest:t,size:r},this.progress.bytesDone+=r-n,this.progress.filesDone++,this.progress.filesDone===this.files.length&&(this.progress.bytesTotal=this.progress.bytesDone),this.options.onProgress?.(this.progress),this.progress.filesDone===this.files.length&&this.settle()}fail(e){if(!this.settled){this.settled=!0,Atomics.store(this.next,0,this.order.length);for(let t of this.workers)t.terminate();this.reject(e)}}settle(){this.settled=!0;for(let e of this.workers)e.unref();this.resolve(this.out)}};function J(s){let e=[],t=[];return s.forEach((r,n)=>((r.size??0)>=Z?e:t).push(n)),e.sort((r,n)=>s[n].size-s[r].size||r-n),Int32Array.from(e.concat(t))}a(J,"hashingOrder");function B(s){let e=0;for(let t of s)e+=t.size??0;return e}a(B,"knownBytes");function L(){let{Worker:s}=process.getBuiltinModule("node:worker_threads");return new s(T,{eval:!0})}a(L,"startWorkerThread");function Q({warmAfterFiles:s=A,startWorkers:e=z}={}){let t,r=a(()=>{t?.dispose(),t=void 0},"drop");return{async collectFiles(n,i){r();try{return await j(n,{...i,onFound:a(o=>{i.onFound?.(o),t===void 0&&o>s&&(t=e())},"onFound")})}catch(o){throw r(),o}},hashFiles(n,i){let o=t;return t=void 0,N(n,{...i,warm:o})},readTextFile:a((n,i)=>E(n,i,"subject-checksums"),"readTextFile")}}a(Q,"createNodeFileSystem");var Se=Q();function R(s,e){let t=[];return s.split(`
`).forEach((n,i)=>{let o=n.endsWith("\r")?n.slice(0,-1):n;if(o.trim()===""||o.startsWith("#"))return;let l=`${e}:${i+1}`,h=q(o,l)??ee(o,l);t.push({name:g(h.name,l),digest:{[h.algorithm]:h.hex}})}),t}a(R,"parseChecksums");function q(s,e){let t=/^(\\?)(SHA256|SHA384|SHA512|[A-Za-z0-9-]+) \((.*)\) = ([0-9A-Za-z]+)$/s.exec(s);if(!t)return;let r=P(t[2],e),n=t[1]?C(t[3],e):t[3];return{algorithm:r,hex:k(r,t[4],e),name:n}}a(q,"parseTagLine");function ee(s,e){let t=s.startsWith("\\"),r=t?s.slice(1):s,n=/^([0-9A-Fa-f]+) ([ *])(.+)$/s.exec(r);if(!n)throw m("CHECKSUM_LINE_INVALID",`${e}: expected "<hex digest>  <file name>" as sha256sum prints it, got ${c(s)}. Regenerate the file with \`sha256sum FILES > SHA256SUMS\` or fix this line.`);let i=n[1],o=te(i.length,e,s);return{algorithm:o,hex:k(o,i,e),name:t?C(n[3],e):n[3]}}a(ee,"parseGnuLine");function te(s,e,t){for(let[r,n]of Object.entries($))if(n===s)return r;throw m("DIGEST_INVALID",`${e}: expected a sha256, sha384 or sha512 digest (64, 96 or 128 hexadecimal characters), got ${s} characters in ${c(t)}. Use sha256sum, sha384sum or sha512sum to make the file.`)}a(te,"algorithmForLength");function C(s,e){return s.replace(/\\(.)/g,(t,r)=>{if(r==="\\")return"\\";if(r==="n")return`
`;if(r==="r")return"\r";throw m("CHECKSUM_LINE_INVALID",`${e}: expected the escapes \\\\, \\n or \\r in an escaped name, got "\\${r}".`)})}a(C,"unescapeName");function je(s,e="sha256"){let t=[];for(let r of s){let n=r.digest[e];n!==void 0&&t.push(re.test(r.name)?`\\${n}  ${r.name.replace(/\\/g,"\\\\").replace(/\n/g,"\\n").replace(/\r/g,"\\r")}
`:`${n}  ${r.name}
`)}return t.join("")}a(je,"formatChecksums");var re=/[\\\n\r]/;var se=64*1024*1024;async function Ie(s,e){let{fs:t,log:r}=e,n={patterns:"subject-path",checksumFiles:"subject-checksums",digests:"subject-digest",...s.inputNames},i=[];if(s.patterns.length>0){let l=await t.collectFiles(s.patterns,{baseDir:s.baseDir,allowOutsideBase:s.allowOutsideBase,ifNoFilesFound:s.ifNoFilesFound,warn:a(d=>r.warn(d),"warn"),inputName:n.patterns}),h=l.filter(d=>ne(d.path,s.outputDir));h.length>0&&r.info(`Skipping ${h.length} file${h.length===1?"":"s"} an earlier run wrote to the output directory ${s.outputDir} (${h.map(d=>d.name).join(", ")}): Provenant never signs its own output`);let u=h.length>0?l.filter(d=>!h.includes(d)):l;r.info(`Hashing ${u.length} file${u.length===1?"":"s"} under ${s.baseDir}`);let f=await t.hashFiles(u,{algorithms:s.algorithms,onProgress:ie(r)});i.push({origin:n.patterns,subjects:f})}for(let l of s.checksumFiles){let h=await t.readTextFile(l,se),u=R(h,`${n.checksumFiles} ${l}`);r.info(`Read ${u.length} subject${u.length===1?"":"s"} from ${l}`),i.push({origin:l,subjects:u})}let o=[];for(let{name:l,digest:h}of s.digests){let u=`${n.digests} ${c(l)}`,{algorithm:f,hex:d}=W(h,u);o.push({name:g(l,u),digest:{[f]:d}})}return i.push({origin:n.digests,subjects:o}),F(i)}a(Ie,"collectSubjects");function ne(s,e){if(!e)return!1;let t=e.replace(/\/+$/,"");return s.startsWith(`${t}/`)&&!s.slice(t.length+1).includes("/")&&x(s.slice(t.length+1))}a(ne,"isEarlierOutput");function ie(s,e=5e3,t=Date.now){let r=t(),n=r;return i=>{let o=t();if(o-n<e)return;n=o;let l=(o-r)/1e3,h=i.bytesDone/l,u=i.bytesTotal!==void 0?h>0?(i.bytesTotal-i.bytesDone)/h:0:i.filesDone>0?l*(i.filesTotal-i.filesDone)/i.filesDone:void 0,f=i.bytesTotal!==void 0?`${y(i.bytesDone)} of ${y(i.bytesTotal)}`:`${y(i.bytesDone)} so far`;s.info(`Hashed ${i.filesDone}/${i.filesTotal} files, ${f} (${y(h)}/s, ${u===void 0?"time left unknown yet":`about ${Math.max(0,u).toFixed(0)} s left`})`)}}a(ie,"progressLogger");function y(s){let e=["B","KiB","MiB","GiB","TiB"],t=s,r=0;for(;t>=1024&&r<e.length-1;)t/=1024,r++;return`${t.toFixed(r===0?0:1)} ${e[r]}`}a(y,"formatBytes");export{ae as a,Se as b,je as c,Ie as d,y as e};
