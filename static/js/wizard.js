/*
 * GPAI Assessor wizard: progressive enhancement only. The pages work without this file;
 * the server parses, validates and scores every answer and is the source of truth.
 *
 * (a) Every input[data-quantity] gets a live echo of the number it reads as, in the element
 *     [data-echo-for="<input id>"]: "405B" shows "= 4.05 × 10^11". Typing is never blocked.
 *     A field reads the friendlier forms its data- attributes allow, as the server's field
 *     does (questionnaire/wizard/fields.py read_quantity): a unit word of data-units
 *     ("3.2e24 FLOP"), a scale word ("405 billion", "405bn") and, with data-percent, "40%".
 *     On a German or French page (<html lang>) it reads and writes figures as the server
 *     does there: the decimal comma ("2,5"), the German thousands point ("1.000"), the
 *     page's scale words ("405 Mrd.", "405 milliards"; "billion", which names another figure
 *     there than in English, is not read), and the running estimate's words come from the
 *     server, in that language (data-texts).
 * (b) On the compute step, [data-running-estimate] (an <output aria-live="polite">) shows a
 *     running FLOP estimate from the figures typed so far, in JS doubles: a preview only.
 *     The rule set's figures come from that element's data- attributes, never from here.
 *     [data-cross-check] beside the parameters and training tokens shows the cross-check
 *     estimate the engine makes from them when no method uses them.
 * (c) Conditionally revealed questions (GOV.UK radios): a block
 *     [data-follows="<radio group name> ..."][data-follows-value="yes"] is hidden (the hidden
 *     attribute: nothing in it can take the focus) while none of those groups has that
 *     choice; the choice's radios get aria-controls naming the block. (Not aria-expanded, as
 *     GOV.UK Frontend sets: ARIA does not allow it on a radio, and axe-core reports it as a
 *     critical violation.) Its questions are asked only after that choice (the server
 *     ignores them otherwise). Without script every block stays visible.
 *
 * No framework, no build step, ES2017, no inline handlers, no eval, text set with
 * textContent only (a strict Content-Security-Policy applies).
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------
  // Numbers: the notations of questionnaire/scoring/numbers.py (parse_number), which is the
  // reference; tests/shared/number_cases.json holds the cases both parsers must agree on.
  // A parsed number is kept exact as {negative, digits, exponent}: value = ±digits × 10^exponent,
  // digits without leading or trailing zeros ("0" for zero), so formatting rounds exactly.

  var MAX_MAGNITUDE = 1000; // numbers beyond 10^±1000 are typing accidents (numbers.py)
  var MAX_LENGTH = 100; // longer written-out forms are not read (numbers.py)
  var PRECISION = 28; // Python's default Decimal context, which Decimal.scaleb rounds to
  var SUFFIXES = { k: 3, m: 6, b: 9, t: 12 };
  var SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4",
    "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+"
  };
  // Python's \s and str.strip(): Unicode white space, which includes U+001C..U+001F and
  // U+0085 but not U+FEFF (JavaScript's \s and trim() are the other way round).
  var SPACE = "[\\t\\n\\v\\f\\r\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a" +
    "\\u2028\\u2029\\u202f\\u205f\\u3000]";
  // Python's \d: every Unicode decimal digit (category Nd, Unicode 14 as in Python 3.11),
  // each script's digits a run of ten from its zero. Decimal() and int() read them all.
  var DIGIT_ZEROS = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6,
    0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0,
    0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0,
    0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0,
    0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50,
    0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
    0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0
  ];
  var DIGIT = "[" + DIGIT_ZEROS.map(function (zero) {
    return "\\u{" + zero.toString(16) + "}-\\u{" + (zero + 9).toString(16) + "}";
  }).join("") + "]";

  /** A RegExp from `source` where \d and \s mean what they mean to Python's re. */
  function pythonRegExp(source) {
    return new RegExp(source.replace(/\\d/g, DIGIT).replace(/\\s/g, SPACE), "u");
  }

  var TRIM = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");
  // The regular expressions of numbers.py (with the u flag, so that a digit outside the BMP
  // is one character, as in Python).
  var PLAIN = pythonRegExp("^([+-])?(\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE]([+-]?\\d{1,6}))?$");
  var SUFFIXED = pythonRegExp("^(\\d+(?:\\.\\d+)?)\\s*([kKmMbBtT])$");
  // numbers.py's _NUMBER, group for group (JS before ES2018 has no named groups):
  // 1 sign, 2 mantissa, 3 thousands separator, 4 e, 5 pow, 6 sup, 7 suffix, 8 bare_pow, 9 bare_sup
  var NUMBER = pythonRegExp(
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

  /** `text` with every Unicode decimal digit written as its ASCII digit. */
  function asciiDigits(text) {
    return Array.from(text).map(function (character) {
      var code = character.codePointAt(0);
      if (code < 0x80) {
        return character;
      }
      for (var index = 0; index < DIGIT_ZEROS.length; index += 1) {
        if (code >= DIGIT_ZEROS[index] && code <= DIGIT_ZEROS[index] + 9) {
          return String(code - DIGIT_ZEROS[index]);
        }
      }
      return character;
    }).join("");
  }

  /** An exact number from a decimal mantissa ("1234.5", ".5", "7") and a power of ten. */
  function exact(negative, mantissa, exponent) {
    var parts = asciiDigits(mantissa).split(".");
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

  /** Rounded to the Decimal context's precision, half even, as Decimal.scaleb() does. */
  function toContext(number) {
    var extra = number.digits.length - PRECISION;
    if (extra <= 0) {
      return number;
    }
    var rounded = roundDigits(number.digits, PRECISION, true);
    var carry = rounded[1] ? PRECISION : 0;
    return exact(number.negative, rounded[0], number.exponent + extra + carry);
  }

  function exponentOf(text) {
    return parseInt(asciiDigits(text), 10);
  }

  function superscriptToText(text) {
    return text.split("").map(function (character) { return SUPERSCRIPTS[character]; }).join("");
  }

  /**
   * Parse text as parse_number does. Returns {ok: true, number} or {ok: false, reason} where
   * reason is "empty", "invalid" or "range".
   */
  function parseQuantity(text) {
    var stripped = String(text).replace(TRIM, "");
    if (!stripped) {
      return { ok: false, reason: "empty" };
    }
    var number = null;
    var match = PLAIN.exec(stripped);
    if (match) {
      number = exact(match[1] === "-", match[2], match[3] ? exponentOf(match[3]) : 0);
    } else if ((match = SUFFIXED.exec(stripped))) {
      number = toContext(exact(false, match[1], SUFFIXES[match[2].toLowerCase()]));
    } else {
      // Python counts characters, not UTF-16 code units.
      match = Array.from(stripped).length <= MAX_LENGTH ? NUMBER.exec(stripped) : null;
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
      exponentText = asciiDigits(exponentText);
      if (exponentText && !INTEGER.test(exponentText)) {
        return { ok: false, reason: "invalid" }; // a superscript sign in the middle: 10²⁻⁴
      }
      var exponent = exponentText ? parseInt(exponentText, 10) : 0;
      if (Math.abs(exponent) > MAX_MAGNITUDE) {
        return { ok: false, reason: "range" };
      }
      number = toContext(exact(match[1] === "-", mantissa, exponent));
    }
    if (number.digits !== "0" && Math.abs(adjusted(number)) > MAX_MAGNITUDE) {
      return { ok: false, reason: "range" };
    }
    return { ok: true, number: number };
  }

  // ---------------------------------------------------------------------------------------
  // The wizard's friendlier figures (questionnaire/wizard/fields.py, which is the reference;
  // tests/shared/wizard_number_cases.json holds the cases both must agree on).

  var SCALE_WORDS = {
    thousand: "K", million: "M", mn: "M", billion: "B", bn: "B", trillion: "T", tn: "T"
  };
  // The scale words of German and French pages, beside the English ones (fields.py
  // LOCAL_SCALE_WORDS), and the English ones that name another figure there (not read).
  var LOCAL_SCALE_WORDS = {
    de: {
      tausend: "K", mio: "M", "mio.": "M", millionen: "M", mrd: "B", "mrd.": "B",
      milliarde: "B", milliarden: "B", bio: "T", "bio.": "T", billionen: "T"
    },
    fr: {
      mille: "K", millions: "M", md: "B", mrd: "B", "mrd.": "B", milliard: "B", milliards: "B"
    }
  };
  var AMBIGUOUS_SCALE_WORDS = { billion: true, billions: true, trillion: true, trillions: true };
  var TRAILING_WORD = pythonRegExp("^([^]*?)\\s*([A-Za-z/]+\\.?)$");
  var ENDS_WITH_DIGIT = pythonRegExp("\\d$");
  var PERCENT = pythonRegExp("^([^]*?)\\s*%$");

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /**
   * `text` with a unit word of `units` and a scale word (of a page in `language`) in the
   * contract's notation; null for "billion" and the like on a German or French page.
   */
  function friendlyToContract(text, units, language) {
    var stripped = String(text).replace(TRIM, "");
    var match = TRAILING_WORD.exec(stripped);
    if (match && match[1] && (units || []).indexOf(match[2].toLowerCase()) >= 0) {
      stripped = match[1];
      match = TRAILING_WORD.exec(stripped);
    }
    if (match && ENDS_WITH_DIGIT.test(match[1])) {
      var word = match[2].toLowerCase();
      var local = LOCAL_SCALE_WORDS[pageLanguage(language)];
      if (local && hasOwn(local, word)) {
        stripped = match[1] + local[word];
      } else if (local && hasOwn(AMBIGUOUS_SCALE_WORDS, word)) {
        return null;
      } else if (hasOwn(SCALE_WORDS, word)) {
        stripped = match[1] + SCALE_WORDS[word];
      }
    }
    return stripped;
  }

  // ---------------------------------------------------------------------------------------
  // Local notation (questionnaire/wizard/fields.py delocalise, scoring/numbers.py
  // localise_number): a German or French page reads the decimal comma ("2,5" is two and a
  // half, "1,000" is one) and, in German, the thousands point ("1.000" is a thousand), and
  // writes its figures so. English pages are unchanged.

  var LOCAL = { de: true, fr: true };
  // The page's language (start() reads <html lang>) and the texts the running estimate
  // writes, in it: the server renders them (data-texts of the estimate's output, from the
  // catalogues); these English ones stand in where it did not.
  var page = { language: "en" };
  var DE_THOUSANDS = pythonRegExp("^[+-]?\\d{1,3}(?:\\.\\d{3})+$");
  var COMMA_THOUSANDS = pythonRegExp("^[+-]?\\d{1,3},\\d{3}$");
  // fields.py's [+-]?[\d.,\s\u00a0\u2009\u202f]*\d (Python's \s has those spaces already).
  var LEADING_FIGURE = new RegExp("^[+-]?(?:" + DIGIT + "|[.,]|" + SPACE + ")*" + DIGIT, "u");
  var LOCAL_SEPARATORS = {
    de: { ",": ".", ".": "," },
    fr: { ",": "\u202f", ".": "," }
  };

  /** "de", "fr" or "en", from a language code such as "de-AT". */
  function pageLanguage(code) {
    var language = String(code || "en").toLowerCase().split("-")[0];
    return hasOwn(LOCAL, language) ? language : "en";
  }

  /**
   * [text in the notation readQuantity reads, the reading taken where an English page would
   * have read the figure otherwise ("decimal comma", "thousands point") or null].
   */
  function delocalise(text, language) {
    text = text === null || text === undefined ? "" : String(text);
    if (!hasOwn(LOCAL, pageLanguage(language))) {
      return [text, null];
    }
    language = pageLanguage(language);
    var stripped = text.replace(TRIM, "");
    var match = LEADING_FIGURE.exec(stripped);
    if (!match) {
      return [text, null];
    }
    var figure = match[0];
    var rest = stripped.slice(figure.length);
    var reading = null;
    if (language === "de" && figure.indexOf(".") >= 0 && figure.indexOf(",") >= 0) {
      figure = figure.split(".").join("").replace(/,/g, "."); // 1.234,5
    } else if (language === "de" && DE_THOUSANDS.test(figure) && !/^[eE]/.test(rest)) {
      figure = figure.split(".").join(""); // 1.000 is a thousand on a German page
      reading = "thousands point";
    } else if (figure.split(",").length === 2) {
      // 2,5 is two and a half; 1,000 is one (a thousand on an English page).
      if (COMMA_THOUSANDS.test(figure)) {
        reading = "decimal comma";
      }
      figure = figure.replace(",", ".");
    }
    return [figure + rest, reading];
  }

  /** A figure written in English notation ("3,600", "2.5 × 10^24") in the language's. */
  function localiseNumber(text, language) {
    var table = LOCAL_SEPARATORS[pageLanguage(language)];
    if (!table) {
      return text;
    }
    return String(text).replace(/[,.]/g, function (mark) { return table[mark]; });
  }

  /** 0.25 as "25%" (English) or "25 %" (German, French: a no-break space), as the pages. */
  function percent(fraction, language) {
    var digits = String(Math.round(fraction * 1000) / 10);
    return pageLanguage(language) === "en"
      ? digits + "%"
      : localiseNumber(digits, language) + "\u00a0%";
  }

  /** `template` with each %(name)s replaced by params[name]. */
  function fill(template, params) {
    return String(template).replace(/%\((\w+)\)s/g, function (whole, name) {
      return hasOwn(params, name) ? String(params[name]) : whole;
    });
  }

  /**
   * Parse text as a wizard field reads it (read_quantity): options {units: [words],
   * percent: bool}. Returns what parseQuantity returns.
   */
  function readQuantity(text, options) {
    options = options || {};
    var rewritten = friendlyToContract(
      delocalise(text, options.language)[0], options.units, options.language
    );
    if (rewritten === null) {
      return { ok: false, reason: "ambiguous" };
    }
    if (options.percent) {
      var match = PERCENT.exec(rewritten);
      if (match && match[1]) {
        var parsed = parseQuantity(match[1]);
        if (parsed.ok && parsed.number.digits !== "0") {
          var number = parsed.number;
          parsed.number = toContext(
            { negative: number.negative, digits: number.digits, exponent: number.exponent - 2 }
          );
        }
        return parsed;
      }
    }
    return parseQuantity(rewritten);
  }

  /** The friendlier forms an input reads, from its data-units and data-percent. */
  function optionsOf(input) {
    if (!input || typeof input.getAttribute !== "function") {
      return {};
    }
    return {
      units: (input.getAttribute("data-units") || "").split(" ").filter(Boolean),
      percent: input.getAttribute("data-percent") !== null,
      language: page.language
    };
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

  /**
   * Round a digit string to `figures` significant figures, half up (or half even):
   * [digits, carry], carry 1 when 99…9 became 1 followed by `figures` zeros.
   */
  function roundDigits(digits, figures, halfEven) {
    if (digits.length <= figures) {
      return [digits, 0];
    }
    var kept = digits.slice(0, figures).split("").map(Number);
    var next = Number(digits.charAt(figures));
    var up = next > 5 || (next === 5 && (!halfEven || /[1-9]/.test(digits.slice(figures + 1)) ||
      kept[figures - 1] % 2 === 1));
    if (up) {
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
   * ("4.05 × 10^11"), and "10^24" for exact powers of ten. Tiny values (below 10^-6),
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
   * rounded half up, "3.2 × 10^24", "3.0 × 10^24", "10^24"; below a million plainly.
   */
  function formatFlop(value, locale) {
    locale = locale || ENGLISH;
    return localiseNumber(formatFlopEnglish(value, locale), locale.language);
  }

  function formatFlopEnglish(value, locale) {
    if (value === 0) {
      return "0";
    }
    if (!isFinite(value)) {
      return locale.texts.out_of_range;
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
  // The server writes it in the page's language in the echo's data-invalid.
  var ECHO_INVALID = "not a number yet";

  /** options: those of readQuantity, and `invalid`, what to say of an unreadable figure. */
  function echoText(text, options) {
    options = options || {};
    var parsed = readQuantity(text, options);
    if (parsed.ok) {
      return "= " + localiseNumber(formatEcho(parsed.number), options.language);
    }
    return parsed.reason === "empty" ? "" : options.invalid || ECHO_INVALID;
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
      var options = optionsOf(input);
      options.invalid = echo.getAttribute("data-invalid") || ECHO_INVALID;
      var update = function () {
        echo.textContent = echoText(input.value, options);
      };
      input.addEventListener("input", update);
      update();
    });
  }

  // ---------------------------------------------------------------------------------------
  // (b) Running estimate on the compute step (Guidelines Annex A.2).
  //
  // The rule set's figures (architecture factor, margins, thresholds, accelerator peaks) are
  // never written here: the server renders them as data- attributes of the output element,
  // from the rule set it scores with, and readRules() reads them.

  var PREFIX = "compute-";

  // What the running estimate and the cross-check say; the server renders the same keys in
  // the page's language (wizard/view.py estimate_texts), with the same %(name)s places.
  var TEXTS = {
    running_empty: "Running estimate: fill in the figures",
    running: "Running estimate: %(flop)s FLOP",
    within: " (within %(margin)s of %(thresholds)s)",
    and: " and ",
    check: "; cross-check: %(flop)s FLOP",
    check_disagrees: " (more than %(margin)s away: the estimates disagree)",
    facts_give_estimate: "These figures give your estimate: see “Estimate” below.",
    facts_give_check: "These figures give your cross-check: see “Estimate” below.",
    facts: "Cross-check estimate: %(flop)s FLOP (%(factor)s × parameters × tokens)",
    facts_disagree: ": more than %(margin)s away from your estimate, so the result will say " +
      "the methods disagree",
    out_of_range: "out of range"
  };
  var ENGLISH = { language: "en", texts: TEXTS };

  /** {language, texts} of a page: its language, and the texts rendered on `element` where
   * there are all of them (else the English ones, on an English page or not). */
  function localeOf(element, language) {
    var texts = element ? readJson(element, "data-texts") : null;
    var complete = texts && typeof texts === "object" && Object.keys(TEXTS).every(function (key) {
      return typeof texts[key] === "string";
    });
    return complete ? { language: pageLanguage(language), texts: texts } : ENGLISH;
  }
  var PERIOD_ROWS = 4;
  var SECONDS_PER_HOUR = 3600;

  function readJson(element, attribute) {
    try {
      return JSON.parse(element.getAttribute(attribute) || "null");
    } catch (error) {
      return null;
    }
  }

  /** A positive finite double written in `text`, or NaN. */
  function positiveDouble(text) {
    var parsed = parseQuantity(text === null || text === undefined ? "" : text);
    var value = parsed.ok ? toDouble(parsed.number) : NaN;
    return value > 0 && isFinite(value) ? value : NaN;
  }

  /**
   * The rule set as rendered on `element`: {architectureFactor, estimateMargin,
   * methodsDisagreeMargin, thresholds: [FLOP], peaks: {accelerator: FLOP/s}, locale: the
   * page's language and the texts rendered there (localeOf)}. null when
   * any figure is missing or unreadable: then there is no running estimate at all rather
   * than one made with figures of our own.
   */
  function readRules(element, language) {
    var rules = {
      architectureFactor: positiveDouble(element.getAttribute("data-architecture-factor")),
      estimateMargin: positiveDouble(element.getAttribute("data-estimate-margin")),
      methodsDisagreeMargin: positiveDouble(element.getAttribute("data-methods-disagree-margin")),
      thresholds: [],
      peaks: {}
    };
    var thresholds = readJson(element, "data-thresholds");
    var peaks = readJson(element, "data-peaks");
    if (!isFinite(rules.architectureFactor) || !(rules.estimateMargin < 1) ||
        !(rules.methodsDisagreeMargin < 1) || !Array.isArray(thresholds) ||
        !thresholds.length || !peaks || typeof peaks !== "object" || Array.isArray(peaks)) {
      return null;
    }
    rules.thresholds = thresholds.map(positiveDouble);
    var unreadable = rules.thresholds.some(isNaN);
    Object.keys(peaks).forEach(function (key) {
      rules.peaks[key] = positiveDouble(peaks[key]);
      unreadable = unreadable || isNaN(rules.peaks[key]);
    });
    rules.locale = localeOf(element, language);
    return unreadable ? null : rules;
  }

  /** A positive finite double typed in `name` (as a page of `language` reads it), null when
   * empty, undefined when unusable. */
  function positive(form, name, language) {
    var field = form.querySelector('[name="' + PREFIX + name + '"]');
    if (!field) {
      return null;
    }
    var options = optionsOf(field);
    options.language = language;
    var parsed = readQuantity(field.value, options);
    if (!parsed.ok) {
      return parsed.reason === "empty" ? null : undefined;
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

  function checkedValue(form, name) {
    var input = form.querySelector('input[name="' + PREFIX + name + '"]:checked');
    return input ? input.value : "";
  }

  function hardwareEstimate(form, peaks, language) {
    var total = 0;
    var periods = 0;
    for (var row = 1; row <= PERIOD_ROWS; row += 1) {
      var stem = "period" + row + "_";
      var chips = positive(form, stem + "chips", language);
      var hours = positive(form, stem + "hours", language);
      var utilisation = positive(form, stem + "utilisation", language);
      var customPeak = positive(form, stem + "peak_flops", language);
      var accelerator = fieldValue(form, stem + "accelerator");
      if (chips === null && hours === null && utilisation === null && customPeak === null &&
          !accelerator) {
        continue; // an empty row
      }
      var peak = customPeak;
      if (peak === null && accelerator && accelerator !== "custom" &&
          Object.prototype.hasOwnProperty.call(peaks, accelerator)) {
        peak = peaks[accelerator];
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

  /** The FLOP figure of `method` from the figures typed so far, or null. */
  function methodEstimate(form, method, rules) {
    var language = (rules.locale || ENGLISH).language;
    if (method === "direct") {
      var flop = positive(form, "flop", language);
      return usable(flop) ? flop : null;
    }
    if (method === "architecture") {
      // C ≈ factor · P · D, with the rule set's factor
      var moe = form.querySelector('[name="' + PREFIX + 'mixture_of_experts"]');
      var parameters = positive(
        form, moe && moe.checked ? "active_parameters" : "parameters", language
      );
      var tokens = positive(form, "training_tokens", language);
      return usable(parameters) && usable(tokens)
        ? rules.architectureFactor * parameters * tokens
        : null;
    }
    if (method === "hardware") {
      return hardwareEstimate(form, rules.peaks, language);
    }
    return null;
  }

  function estimateText(value, thresholds, margin, locale) {
    locale = locale || ENGLISH;
    var texts = locale.texts;
    if (value === null || !isFinite(value) || value <= 0) {
      return texts.running_empty;
    }
    var near = thresholds.filter(function (threshold) {
      // borderline as the engine reads it: (1 − m)·E ≤ T ≤ (1 + m)·E
      return (1 - margin) * value <= threshold && threshold <= (1 + margin) * value;
    });
    var text = fill(texts.running, { flop: formatFlop(value, locale) });
    if (near.length) {
      text += fill(texts.within, {
        margin: percent(margin, locale.language),
        thresholds: near.map(function (threshold) {
          return formatFlop(threshold, locale);
        }).join(texts.and)
      });
    }
    return text;
  }

  /** The cross-check after the estimate; they disagree as the engine reads it: |C − E| > m·E. */
  function checkText(value, check, margin, locale) {
    locale = locale || ENGLISH;
    var text = fill(locale.texts.check, { flop: formatFlop(check, locale) });
    if (Math.abs(check - value) > margin * value) {
      text += fill(locale.texts.check_disagrees, { margin: percent(margin, locale.language) });
    }
    return text;
  }

  /**
   * The cross-check the engine makes from the parameters and training tokens asked whatever
   * the method, when neither the method nor the cross-check uses them: factor × P × T, or
   * null (assess-json.md, "parameters, training_tokens").
   */
  function factsEstimate(form, rules) {
    var language = (rules.locale || ENGLISH).language;
    var methods = [checkedValue(form, "method"), checkedValue(form, "check_method")];
    if (methods.indexOf("architecture") >= 0) {
      return null;
    }
    var parameters = positive(form, "parameters", language);
    var tokens = positive(form, "training_tokens", language);
    return usable(parameters) && usable(tokens)
      ? rules.architectureFactor * parameters * tokens
      : null;
  }

  /** What the compute step says beside the parameters and training tokens. */
  function factsText(form, rules) {
    var method = checkedValue(form, "method");
    var locale = rules.locale || ENGLISH;
    if (method === "architecture" || checkedValue(form, "check_method") === "architecture") {
      return method === "architecture"
        ? locale.texts.facts_give_estimate
        : locale.texts.facts_give_check;
    }
    var check = factsEstimate(form, rules);
    if (check === null || !isFinite(check)) {
      return "";
    }
    var text = fill(locale.texts.facts, {
      flop: formatFlop(check, locale),
      factor: localiseNumber(String(rules.architectureFactor), locale.language)
    });
    var value = methodEstimate(form, method, rules);
    if (value !== null && isFinite(value) && value > 0 &&
        Math.abs(check - value) > rules.methodsDisagreeMargin * value) {
      text += fill(locale.texts.facts_disagree, {
        margin: percent(rules.methodsDisagreeMargin, locale.language)
      });
    }
    return text;
  }

  /** What the running estimate says for the figures typed in `form` so far. */
  function runningText(form, rules) {
    var method = checkedValue(form, "method");
    var value = methodEstimate(form, method, rules);
    var text = estimateText(value, rules.thresholds, rules.estimateMargin, rules.locale);
    if (value === null || !isFinite(value) || value <= 0) {
      return text;
    }
    var checkMethod = checkedValue(form, "check_method");
    var check = null;
    if (checkMethod && checkMethod !== "none" && checkMethod !== method) {
      check = methodEstimate(form, checkMethod, rules);
    } else {
      check = factsEstimate(form, rules);
    }
    if (check === null || !isFinite(check) || check <= 0) {
      return text;
    }
    return text + checkText(value, check, rules.methodsDisagreeMargin, rules.locale);
  }

  function setUpRunningEstimate(root) {
    var output = root.querySelector("[data-running-estimate]");
    if (!output) {
      return;
    }
    var form = output.closest ? output.closest("form") : null;
    form = form || root.querySelector("form");
    var rules = readRules(output, page.language);
    if (!form || !rules) {
      return; // the server's text stays
    }
    var facts = root.querySelector("[data-cross-check]");
    var update = function () {
      var text = runningText(form, rules);
      if (output.textContent !== text) {
        output.textContent = text; // only on change, so screen readers are not re-told
      }
      if (facts) {
        var said = factsText(form, rules);
        if (facts.textContent !== said) {
          facts.textContent = said;
        }
      }
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  // ---------------------------------------------------------------------------------------
  // (c) Follow-up questions.

  /** Whether a follow-up asked after the choice `wanted` shows, given the choice `checked`. */
  function followUpShown(checked, wanted) {
    return checked !== null && checked !== undefined && checked === wanted;
  }

  /** Whether a block asked after the choice `wanted` of any of its groups shows, given the
   * choice checked in each group (null for none). */
  function revealed(checkedValues, wanted) {
    return checkedValues.some(function (checked) { return followUpShown(checked, wanted); });
  }

  function setUpFollowUps(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-follows]"), function (block) {
      var form = block.closest ? block.closest("form") : null;
      var names = (block.getAttribute("data-follows") || "").split(" ").filter(Boolean);
      var wanted = block.getAttribute("data-follows-value");
      if (!form || !names.length || wanted === null) {
        return;
      }
      // The radios of that choice control the block (GOV.UK conditional reveal).
      var controls = [];
      names.forEach(function (name) {
        Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'),
          function (input) {
            if (input.value === wanted) {
              controls.push(input);
            }
          });
      });
      if (block.id) {
        controls.forEach(function (input) {
          var ids = (input.getAttribute("aria-controls") || "").split(" ").filter(Boolean);
          if (ids.indexOf(block.id) < 0) {
            input.setAttribute("aria-controls", ids.concat([block.id]).join(" "));
          }
        });
      }
      var update = function () {
        var shown = revealed(names.map(function (name) {
          var input = form.querySelector('input[name="' + name + '"]:checked');
          return input ? input.value : null;
        }), wanted);
        block.hidden = !shown;
      };
      form.addEventListener("change", update);
      update();
    });
  }

  function start() {
    // Figures are read and written in the page's notation (a German or French page reads
    // the decimal comma, as the server does).
    page.language = pageLanguage(document.documentElement.lang);
    setUpEchoes(document);
    setUpRunningEstimate(document);
    setUpFollowUps(document);
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  // For the Node tests (tests/web/test_wizard_js.py); browsers have no `module`.
  if (typeof module === "object" && module && module.exports) {
    module.exports = {
      parseQuantity: parseQuantity,
      readQuantity: readQuantity,
      delocalise: delocalise,
      localiseNumber: localiseNumber,
      percent: percent,
      localeOf: localeOf,
      friendlyToContract: friendlyToContract,
      formatEcho: formatEcho,
      formatFlop: formatFlop,
      echoText: echoText,
      estimateText: estimateText,
      checkText: checkText,
      readRules: readRules,
      runningText: runningText,
      factsText: factsText,
      followUpShown: followUpShown,
      revealed: revealed,
      toDouble: toDouble
    };
  }
}());
