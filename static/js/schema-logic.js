/* Show and hide a schema's questions while typing, and compute computed answers.
 *
 * A convenience only: the server decides what is shown, required and saved, and
 * computes the computed answers on every save (testing/conditions.py,
 * testing/formulas.py). The rules here follow the same reading: the schema is read
 * once from the top, and a hidden question counts as unanswered for the questions
 * after it. Rules come from <script id="schema-logic" type="application/json">.
 */
(function () {
  "use strict";

  var data = document.getElementById("schema-logic");
  if (!data) return;
  var logic = JSON.parse(data.textContent);
  var lang = document.documentElement.lang || "da";
  // The form is looked up each time: the page script may put a new one in its place
  // (a page shown again after a refused send or a conflict).
  var form = document.getElementById("submission-form");

  function field(key) {
    return form.elements["q_" + key];
  }

  function valueOf(key) {
    var element = field(key);
    if (!element) return null;
    if (typeof RadioNodeList !== "undefined" && element instanceof RadioNodeList) {
      var list = Array.prototype.slice.call(element);
      if (list.length && list[0].type === "checkbox") {
        return list.filter(function (e) { return e.checked; }).map(function (e) { return e.value; });
      }
      var checked = list.filter(function (e) { return e.checked; })[0];
      return checked ? checked.value : null;
    }
    if (element.type === "checkbox") return element.checked ? [element.value] : [];
    if (element.type === "radio") return element.checked ? element.value : null;
    return element.value === "" ? null : element.value;
  }

  function number(value) {
    if (value === null || value === undefined || value === "" || typeof value === "boolean") return null;
    var text = String(value).trim().replace(/\s/g, "");
    if (text.indexOf(",") >= 0) text = text.replace(/\./g, "").replace(",", ".");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
    var result = Number(text);
    return isFinite(result) ? result : null;
  }

  function answered(value) {
    return !(value === null || value === "" || (Array.isArray(value) && value.length === 0));
  }

  function ruleHolds(rule, seen) {
    if (rule.rules) return holds(rule, seen);
    var value = Object.prototype.hasOwnProperty.call(seen, rule.question) ? seen[rule.question] : null;
    switch (rule.test) {
      case "answered": return answered(value);
      case "unanswered": return !answered(value);
      case "yes": return value === "yes";
      case "no": return value === "no";
      case "chosen":
      case "not_chosen": {
        var chosen = Array.isArray(value) ? value : (value ? [value] : []);
        var isChosen = chosen.map(String).indexOf(String(rule.value)) >= 0;
        return rule.test === "chosen" ? isChosen : (chosen.length > 0 && !isChosen);
      }
    }
    var answer = number(value), target = number(rule.value);
    if (answer === null || target === null) return false;
    switch (rule.test) {
      case "eq": return answer === target;
      case "ne": return answer !== target;
      case "gt": return answer > target;
      case "ge": return answer >= target;
      case "lt": return answer < target;
      case "le": return answer <= target;
    }
    return false;
  }

  function holds(condition, seen) {
    if (!condition || !condition.rules || !condition.rules.length) return true;
    var results = condition.rules.map(function (rule) { return ruleHolds(rule, seen); });
    return condition.match === "any" ? results.some(Boolean) : results.every(Boolean);
  }

  function compute(formula, seen) {
    var numbers = formula.inputs.map(function (name) { return number(seen[name.slice(2)]); });
    if (!numbers.length || numbers.some(function (n) { return n === null; })) return null;
    var result;
    switch (formula.operation) {
      case "sum": result = numbers.reduce(function (a, b) { return a + b; }, 0); break;
      case "difference": result = numbers.length === 2 ? numbers[0] - numbers[1] : null; break;
      case "ratio": result = numbers.length === 2 && numbers[1] !== 0 ? numbers[0] / numbers[1] : null; break;
      case "percentage": result = numbers.length === 2 && numbers[1] !== 0 ? numbers[0] / numbers[1] * 100 : null; break;
      default: result = null;
    }
    if (result === null || !isFinite(result) || Math.abs(result) > 9999999999.99) return null;
    // As the server rounds (exact decimals, half away from zero): 23/160 × 100 is
    // 14.375 there, not 14.37499… as binary fractions have it.
    var cents = Number((Math.abs(result) * 100).toPrecision(12));
    var rounded = Math.sign(result) * Math.round(cents) / 100;
    return rounded === 0 ? 0 : rounded; // never "-0"
  }

  function update() {
    form = document.getElementById("submission-form");
    if (!form) return;
    var seen = {};
    var sectionShown = {};
    logic.order.forEach(function (pair) {
      var key = pair[0], section = pair[1];
      // A question of a repeated section has a wrapper in each entry.
      var wrappers = form.querySelectorAll('.schema-question[data-question="' + key + '"]');
      if (!wrappers.length) { seen[key] = null; return; }
      var shown = holds(logic.sections[section], seen) && holds(logic.questions[key], seen);
      wrappers.forEach(function (wrapper) { wrapper.hidden = !shown; });
      seen[key] = shown ? valueOf(key) : null;
      sectionShown[section] = sectionShown[section] || shown;
    });
    Object.keys(sectionShown).forEach(function (section) {
      var fieldset = form.querySelector('fieldset[data-section="' + section + '"]');
      if (fieldset) fieldset.hidden = !sectionShown[section];
    });
    form.querySelectorAll("input[data-formula]").forEach(function (input) {
      var value = compute(JSON.parse(input.dataset.formula), seen);
      input.value = value === null ? "–" : new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
    });
  }

  // Removing an entry of a repeated section asks first.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#submission-form button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  function inForm(event) {
    return event.target.closest && event.target.closest("#submission-form");
  }
  document.addEventListener("input", function (event) { if (inForm(event)) update(); });
  document.addEventListener("change", function (event) { if (inForm(event)) update(); });
  document.addEventListener("htmx:afterSettle", update);
  // After the page script has put a new form in place.
  new MutationObserver(function () {
    if (document.getElementById("submission-form") !== form) update();
  }).observe(document.body, { childList: true, subtree: true });
  update();
})();
