#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as e}from"./chunk-KI7I7O32.js";var o="https://in-toto.io/Statement/v1",s="application/vnd.in-toto+json";function p(n,i,r){return{_type:o,subject:n.map(t=>({name:t.name,digest:{...t.digest}})),predicateType:i,predicate:r}}e(p,"buildStatement");export{s as a,p as b};
