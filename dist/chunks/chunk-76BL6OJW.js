#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as n}from"./chunk-KI7I7O32.js";function c(i,o){let e=!1,t=n(()=>{e=!0,setTimeout(()=>process.exit(),1e3).unref()},"finish");process.once("beforeExit",()=>{e||(e=!0,o.stranded(),process.exit(1))});let s=n(r=>{e||(e=!0,o.crashed(r),process.exit(1))},"crash");process.on("uncaughtException",s),process.on("unhandledRejection",s),i().then(t,r=>{e||o.crashed(r),t()})}n(c,"runToEnd");export{c as a};
