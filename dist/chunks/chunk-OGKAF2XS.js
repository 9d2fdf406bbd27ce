#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
var o="0.1.0",n="@provenant-org/provenant",t=`npx --yes ${n}@${o}`;export{o as a,t as b};
