#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as e}from"./chunk-KI7I7O32.js";var p="https://in-toto.io/Statement/v1",r="application/vnd.in-toto+json";function s(n,i,o){return{_type:p,subject:n.map(t=>({name:t.name,digest:{...t.digest}})),predicateType:i,predicate:o}}e(s,"buildStatement");export{r as a,s as b};
