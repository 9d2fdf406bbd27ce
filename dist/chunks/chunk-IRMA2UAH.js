#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
var o=process.getBuiltinModule("node:fs"),e=process.getBuiltinModule("node:util"),t=process.getBuiltinModule("node:os"),s=process.getBuiltinModule("node:crypto"),n=process.getBuiltinModule("node:url");export{o as a,e as b,t as c,s as d,n as e};
