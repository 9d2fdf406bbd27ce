#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as n}from"./chunk-KI7I7O32.js";var i=/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,a=/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g,s=class{static{n(this,"SecretRegistry")}#t=new Set;add(t){t&&t.length>=8&&this.#t.add(t)}redact(t){let e=t;for(let r of this.#t)e=e.split(r).join("***");return e.replace(i,"***").replace(a,"***")}get size(){return this.#t.size}},_=new s;export{_ as a};
