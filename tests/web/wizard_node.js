// Runs functions of static/js/wizard.js in Node for tests/web/test_wizard_js.py.
//
//   node tests/web/wizard_node.js < calls.json
//
// stdin:  {"calls": [["parseQuantity", "405B"], ["readRules", {"data-peaks": "{}"}], ...]}
// stdout: {"results": [<the return value of each call, as JSON>, ...]}
//
// Stand-ins for the DOM, as arguments:
//   {"attributes": {...}}   an element whose getAttribute() reads those attributes;
//   {"rulesFrom": {...}}    readRules() of such an element (with "language": "de", of a
//                           German page);
//   {"form": {...}}         a form whose querySelector() finds fields by name: a string is
//                           a field's value (of a radio group: the checked one), true or
//                           false a checkbox.
// Any exception ends the run with exit status 1.
"use strict";

const fs = require("fs");
const path = require("path");

const wizard = require(path.join(__dirname, "..", "..", "static", "js", "wizard.js"));

function element(attributes) {
  return {
    getAttribute(name) {
      return Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : null;
    },
  };
}

function form(fields) {
  return {
    querySelector(selector) {
      const name = /\[name="([^"]+)"\]/.exec(selector);
      if (!name || !Object.prototype.hasOwnProperty.call(fields, name[1])) {
        return null;
      }
      const field = fields[name[1]];
      if (selector.endsWith(":checked") && field === false) {
        return null;
      }
      return { value: typeof field === "boolean" ? "on" : String(field), checked: field !== false };
    },
  };
}

function argument(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return value;
  }
  if (value.attributes) {
    return element(value.attributes);
  }
  if (value.rulesFrom) {
    return wizard.readRules(element(value.rulesFrom), value.language);
  }
  if (value.form) {
    return form(value.form);
  }
  return value;
}

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const results = request.calls.map(([name, ...args]) => {
  if (typeof wizard[name] !== "function") {
    throw new Error(`wizard.js exports no function ${name}`);
  }
  const result = wizard[name](...args.map(argument));
  return result === undefined ? null : result;
});
process.stdout.write(JSON.stringify({ results }));
