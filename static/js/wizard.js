/*
 * GPAI Assessor wizard: progressive enhancement only. The pages work without this file;
 * the server parses, validates and scores every answer and is the source of truth.
 *
 * (a) Every input[data-quantity] gets a live echo of the number it reads as, in the element
 *     [data-echo-for="<input id>"]: "405B" shows "= 4.05 × 10^11". Typing is never blocked.
 * (b) On the compute step, [data-running-estimate] (an <output aria-live="polite">) shows a
 *     running FLOP estimate from the figures typed so far, in JS doubles: a preview only.
 *
 * No framework, no build step, ES2017, no inline handlers, no eval, text set with
 * textContent only (a strict Content-Security-Policy applies).
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------
  // Numbers: the notations of questionnaire/scoring/numbers.py (parse_number).
  // A parsed number is kept exact as {negative, digits, exponent}: value = ±digits × 10^exponent,
  // digits without leading or trailing zeros ("0" for zero), so formatting rounds exactly.

  var MAX_MAGNITUDE = 1000; // numbers beyond 10^±1000 are typing accidents (numbers.py)
  var SUFFIXES = { k: 3, m: 6, b: 9, t: 12 };
  var SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4",
    "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+"
  };
  var PLAIN = /^([+-])?(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d{1,6}))?$/;
  var SUFFIXED = /^(\d+(?:\.\d+)?)\s*([kKmMbBtT])$/;
  // numbers.py's _NUMBER, group for group (JS before ES2018 has no named groups):
  // 1 sign, 2 mantissa, 3 thousands separator, 4 e, 5 pow, 6 sup, 7 suffix, 8 bare_pow, 9 bare_sup
  var NUMBER = new RegExp(
    "^([+-])?(?:" +
      "((?:\\d{1,3}([, \\u00a0\\u2009\\u202f])\\d{3}(?:\\3\\d{3})*|\\d+)(?:\\.\\d+)?|\\.\\d+)" +
      "(?:" +
        "[eE]([+-]?\\d+)" +
        "|\\s*[×xX*·]\\s*10\\s*(?:\\^|\\*\\*)\\s*([+-]?\\d+)" +
        "|\\s*[×xX*·]\\s*10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)" +
        "|\\s*([kKmMbBtT])" +
      ")?" +
      "|10\\s*(?:\\^|\\*\\*)\\s*([+-]?\\d+)" +
      "|10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)" +
    ")$"
  );
  var INTEGER = /^[+-]?\d+$/;

  /** An exact number from a decimal mantissa ("1234.5", ".5", "7") and a power of ten. */
  function exact(negative, mantissa, exponent) {
    var parts = mantissa.split(".");
    var fraction = parts.length > 1 ? parts[1] : "";
    var digits = (parts[0] + fraction).replace(/^0+/, "");
    exponent -= fraction.length;
    if (digits === "") {
      return { negative: false, digits: "0", exponent: 0 };
    }
    var trailing = digits.match(/0*$/)[0].length;
    return {
      negative: negative,
      digits: digits.slice(0, digits.length - trailing),
      exponent: exponent + trailing
    };
  }

  function superscriptToText(text) {
    return text.split("").map(function (character) { return SUPERSCRIPTS[character]; }).join("");
  }

  /**
   * Parse text as parse_number does. Returns {ok: true, number} or {ok: false, reason} where
   * reason is "empty", "invalid" or "range".
   */
  function parseQuantity(text) {
    var stripped = String(text).trim();
    if (!stripped) {
      return { ok: false, reason: "empty" };
    }
    var number = null;
    var match = PLAIN.exec(stripped);
    if (match) {
      number = exact(match[1] === "-", match[2], match[3] ? parseInt(match[3], 10) : 0);
    } else if ((match = SUFFIXED.exec(stripped))) {
      number = exact(false, match[1], SUFFIXES[match[2].toLowerCase()]);
    } else {
      match = stripped.length <= 100 ? NUMBER.exec(stripped) : null;
      if (!match) {
        return { ok: false, reason: "invalid" };
      }
      var mantissa = "1";
      var exponentText = "";
      if (match[8] !== undefined || match[9] !== undefined) {
        exponentText = match[8] !== undefined ? match[8] : superscriptToText(match[9]);
      } else {
        mantissa = match[3] ? match[2].split(match[3]).join("") : match[2];
        exponentText = match[4] || match[5] || "";
        if (match[6]) {
          exponentText = superscriptToText(match[6]);
        }
        if (match[7]) {
          exponentText = String(SUFFIXES[match[7].toLowerCase()]);
        }
      }
      if (exponentText && !INTEGER.test(exponentText)) {
        return { ok: false, reason: "invalid" }; // a superscript sign in the middle: 10²⁻⁴
      }
      var exponent = exponentText ? parseInt(exponentText, 10) : 0;
      if (Math.abs(exponent) > MAX_MAGNITUDE) {
        return { ok: false, reason: "range" };
      }
      number = exact(match[1] === "-", mantissa, exponent);
    }
    if (number.digits !== "0" && Math.abs(adjusted(number)) > MAX_MAGNITUDE) {
      return { ok: false, reason: "range" };
    }
    return { ok: true, number: number };
  }

  /** The exponent of the leading digit, as Decimal.adjusted(). */
  function adjusted(number) {
    return number.digits.length - 1 + number.exponent;
  }

  /** A JS double of an exact number (a preview: may round, or overflow to Infinity). */
  function toDouble(number) {
    var value = Number(number.digits + "e" + number.exponent);
    return number.negative ? -value : value;
  }

  function withCommas(integerDigits) {
    return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /** Round a digit string to `figures` significant figures, half up: [digits, carry]. */
  function roundDigits(digits, figures) {
    if (digits.length <= figures) {
      return [digits, 0];
    }
    var kept = digits.slice(0, figures).split("").map(Number);
    if (Number(digits.charAt(figures)) >= 5) {
      var index = figures - 1;
      while (index >= 0 && kept[index] === 9) {
        kept[index] = 0;
        index -= 1;
      }
      if (index < 0) {
        return ["1", 1]; // 999.5 → 1000: one more power of ten
      }
      kept[index] += 1;
    }
    return [kept.join(""), 0];
  }

  /**
   * The echo format: up to a million plainly with thousands commas ("1,000,000", "0.4"),
   * beyond it the mantissa to three significant figures without trailing zeros
   * ("4.05 × 10^11"), and "10^25" for exact powers of ten. Tiny values (below 10^-6),
   * which no field expects, are written as powers too.
   */
  function formatEcho(number) {
    if (number.digits === "0") {
      return "0";
    }
    var sign = number.negative ? "-" : "";
    var lead = adjusted(number);
    var plain = lead < 6 || (lead === 6 && number.digits === "1");
    if (plain && lead >= -6) {
      var digits = number.digits;
      if (number.exponent >= 0) {
        return sign + withCommas(digits + "0".repeat(number.exponent));
      }
      var point = digits.length + number.exponent;
      var whole = point > 0 ? digits.slice(0, point) : "0";
      var fraction = point > 0 ? digits.slice(point) : "0".repeat(-point) + digits;
      return sign + withCommas(whole) + "." + fraction;
    }
    var rounded = roundDigits(number.digits, 3);
    var figures = rounded[0].replace(/0+$/, "") || "1";
    lead += rounded[1];
    if (figures === "1") {
      return sign + "10^" + lead;
    }
    var mantissa = figures.length > 1 ? figures.charAt(0) + "." + figures.slice(1) : figures;
    return sign + mantissa + " × 10^" + lead;
  }

  /**
   * A FLOP figure as the result shows it (numbers.py format_human): two significant figures,
   * rounded half up, "3.2 × 10^24", "3.0 × 10^24", "10^25"; below a million plainly.
   */
  function formatFlop(value) {
    if (value === 0) {
      return "0";
    }
    if (!isFinite(value)) {
      return "out of range";
    }
    var sign = value < 0 ? "-" : "";
    value = Math.abs(value);
    if (value < 1e6) {
      return sign + value.toLocaleString("en-GB", { maximumSignificantDigits: 15 });
    }
    var parts = value.toExponential(1).split("e"); // "3.2e+24"
    var exponent = parseInt(parts[1], 10);
    return parts[0] === "1.0" ? sign + "10^" + exponent : sign + parts[0] + " × 10^" + exponent;
  }

  // ---------------------------------------------------------------------------------------
  // (a) Live echo of every quantity field.

  // As the server's echo (questionnaire_tags.echo): out-of-range text is "not a number" too.
  var ECHO_INVALID = "not a number yet";

  function echoText(text) {
    var parsed = parseQuantity(text);
    if (parsed.ok) {
      return "= " + formatEcho(parsed.number);
    }
    return parsed.reason === "empty" ? "" : ECHO_INVALID;
  }

  function setUpEchoes(root) {
    var echoes = {};
    Array.prototype.forEach.call(root.querySelectorAll("[data-echo-for]"), function (element) {
      echoes[element.getAttribute("data-echo-for")] = element;
    });
    Array.prototype.forEach.call(root.querySelectorAll("input[data-quantity]"), function (input) {
      var echo = input.id ? echoes[input.id] : undefined;
      if (!echo) {
        return;
      }
      var update = function () {
        echo.textContent = echoText(input.value);
      };
      input.addEventListener("input", update);
      update();
    });
  }

  // ---------------------------------------------------------------------------------------
  // (b) Running estimate on the compute step (Guidelines Annex A.2).

  var PREFIX = "compute-";
  var PERIOD_ROWS = 4;
  var ARCHITECTURE_FACTOR = 6; // C ≈ 6 · P · D
  var SECONDS_PER_HOUR = 3600;
  var DEFAULT_MARGIN = 0.3;

  function readJson(element, attribute, fallback) {
    try {
      var value = JSON.parse(element.getAttribute(attribute) || "null");
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  /** A positive finite double typed in `name`, null when empty, undefined when unusable. */
  function positive(form, name) {
    var field = form.querySelector('[name="' + PREFIX + name + '"]');
    if (!field || !String(field.value).trim()) {
      return null;
    }
    var parsed = parseQuantity(field.value);
    if (!parsed.ok) {
      return undefined;
    }
    var value = toDouble(parsed.number);
    return value > 0 && isFinite(value) ? value : undefined;
  }

  function usable(value) {
    return value !== null && value !== undefined;
  }

  function fieldValue(form, name) {
    var field = form.querySelector('[name="' + PREFIX + name + '"]');
    return field ? String(field.value).trim() : "";
  }

  function hardwareEstimate(form, peaks) {
    var total = 0;
    var periods = 0;
    for (var row = 1; row <= PERIOD_ROWS; row += 1) {
      var stem = "period" + row + "_";
      var chips = positive(form, stem + "chips");
      var hours = positive(form, stem + "hours");
      var utilisation = positive(form, stem + "utilisation");
      var customPeak = positive(form, stem + "peak_flops");
      var accelerator = fieldValue(form, stem + "accelerator");
      if (chips === null && hours === null && utilisation === null && customPeak === null &&
          !accelerator) {
        continue; // an empty row
      }
      var peak = customPeak;
      if (peak === null && accelerator && accelerator !== "custom" &&
          Object.prototype.hasOwnProperty.call(peaks, accelerator)) {
        var catalogue = parseQuantity(peaks[accelerator]);
        peak = catalogue.ok ? toDouble(catalogue.number) : undefined;
      }
      if (!usable(chips) || !usable(hours) || !usable(utilisation) || !usable(peak) ||
          utilisation > 1) {
        return null; // a row begun but not complete: a partial sum would mislead
      }
      total += chips * hours * SECONDS_PER_HOUR * peak * utilisation;
      periods += 1;
    }
    return periods ? total : null;
  }

  function runningEstimate(form, peaks) {
    var method = form.querySelector('input[name="' + PREFIX + 'method"]:checked');
    if (!method) {
      return null;
    }
    if (method.value === "direct") {
      var flop = positive(form, "flop");
      return usable(flop) ? flop : null;
    }
    if (method.value === "architecture") {
      var moe = form.querySelector('[name="' + PREFIX + 'mixture_of_experts"]');
      var parameters = positive(form, moe && moe.checked ? "active_parameters" : "parameters");
      var tokens = positive(form, "training_tokens");
      return usable(parameters) && usable(tokens)
        ? ARCHITECTURE_FACTOR * parameters * tokens
        : null;
    }
    if (method.value === "hardware") {
      return hardwareEstimate(form, peaks);
    }
    return null;
  }

  function estimateText(value, thresholds, margin) {
    if (value === null || !isFinite(value) || value <= 0) {
      return "Running estimate: fill in the figures";
    }
    var near = thresholds.filter(function (threshold) {
      // borderline as the engine reads it: (1 − m)·E ≤ T ≤ (1 + m)·E
      return (1 - margin) * value <= threshold && threshold <= (1 + margin) * value;
    });
    var text = "Running estimate: " + formatFlop(value) + " FLOP";
    if (near.length) {
      text += " (within " + Math.round(margin * 100) + "% of " +
        near.map(formatFlop).join(" and ") + ")";
    }
    return text;
  }

  function setUpRunningEstimate(root) {
    var output = root.querySelector("[data-running-estimate]");
    if (!output) {
      return;
    }
    var form = output.closest ? output.closest("form") : null;
    form = form || root.querySelector("form");
    if (!form) {
      return;
    }
    var peaks = readJson(output, "data-peaks", {});
    var thresholds = readJson(output, "data-thresholds", [])
      .map(function (text) {
        var parsed = parseQuantity(text);
        return parsed.ok ? toDouble(parsed.number) : NaN;
      })
      .filter(function (value) { return isFinite(value) && value > 0; });
    var margin = Number(output.getAttribute("data-margin") || DEFAULT_MARGIN);
    if (!(margin > 0 && margin < 1)) {
      margin = DEFAULT_MARGIN;
    }
    var update = function () {
      var text = estimateText(runningEstimate(form, peaks), thresholds, margin);
      if (output.textContent !== text) {
        output.textContent = text; // only on change, so screen readers are not re-told
      }
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  function start() {
    setUpEchoes(document);
    setUpRunningEstimate(document);
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  // For a throwaway Node check of the parser; browsers have no `module`.
  if (typeof module === "object" && module && module.exports) {
    module.exports = {
      parseQuantity: parseQuantity,
      formatEcho: formatEcho,
      formatFlop: formatFlop,
      echoText: echoText,
      estimateText: estimateText,
      toDouble: toDouble
    };
  }
}());
