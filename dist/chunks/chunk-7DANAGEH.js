#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as n}from"./chunk-KI7I7O32.js";var{unlinkSync:i}=process.getBuiltinModule("node:fs"),s=new Set,r=["SIGINT","SIGTERM","SIGHUP"],t=!1;function c(e){for(let o of s)try{i(o)}catch{}s.clear();for(let o of r)process.removeListener(o,c);t=!1,process.kill(process.pid,e)}n(c,"onSignal");function l(e){if(!t){for(let o of r)process.on(o,c);t=!0}return s.add(e),()=>{s.delete(e)}}n(l,"trackTemporaryFile");export{l as a};
