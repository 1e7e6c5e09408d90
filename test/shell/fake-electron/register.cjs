// Makes require('electron') give the fake beside this file (see electron.cjs).
'use strict';
const Module = require('node:module');
const path = require('node:path');
const fake = path.join(__dirname, 'electron.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fake : original.call(this, request, ...rest);
};
