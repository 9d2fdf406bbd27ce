#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-WOYIQ36P.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-DM5MMGRP.js";import"./chunk-OUQRL4DH.js";import"./chunk-CNXVZQ6R.js";import"./chunk-X2VZSDU6.js";import"./chunk-KI7I7O32.js";export{a as registryPort};
