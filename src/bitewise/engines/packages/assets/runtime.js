// Bitewise package runtime: shows the lessons one at a time, scores the assessment, and
// reports completion and score to the LMS: SCORM 1.2 (window.API), SCORM 2004
// (window.API_1484_11) or cmi5 (xAPI statements to the LMS's LRS, per the launch URL).
(function () {
  "use strict";
  var root = document.documentElement;
  var standard = root.dataset.standard;
  var passPercent = Number(root.dataset.pass);
  var lessons = Array.prototype.slice.call(document.querySelectorAll(".lesson"));
  var assessment = document.querySelector(".assessment");
  var pages = assessment ? lessons.concat([assessment]) : lessons;
  var seen = {};
  var current = 0;
  var startedAt = Date.now();
  var finished = false;

  function findApi(name) {
    var win = window;
    for (var hops = 0; win && hops < 10; hops++) {
      try { if (win[name]) { return win[name]; } } catch (e) { /* another origin */ }
      if (win.parent && win.parent !== win) { win = win.parent; }
      else if (win.opener) { win = win.opener; }
      else { break; }
    }
    return null;
  }

  // --- SCORM 1.2 and 2004 -------------------------------------------------------------
  function scorm(api, is2004) {
    var call = function (name12, name2004) {
      var args = Array.prototype.slice.call(arguments, 2);
      return api[is2004 ? name2004 : name12].apply(api, args);
    };
    return {
      start: function () {
        call("LMSInitialize", "Initialize", "");
        if (is2004) {
          if (api.GetValue("cmi.completion_status") !== "completed") {
            api.SetValue("cmi.completion_status", "incomplete");
          }
        } else if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
          api.LMSSetValue("cmi.core.lesson_status", "incomplete");
        }
        call("LMSCommit", "Commit", "");
      },
      finish: function (score) {
        var passed = score === null ? null : score >= passPercent;
        var seconds = Math.round((Date.now() - startedAt) / 1000);
        if (is2004) {
          api.SetValue("cmi.completion_status", "completed");
          if (score !== null) {
            api.SetValue("cmi.score.raw", String(score));
            api.SetValue("cmi.score.min", "0");
            api.SetValue("cmi.score.max", "100");
            api.SetValue("cmi.score.scaled", String(score / 100));
            api.SetValue("cmi.success_status", passed ? "passed" : "failed");
          }
          api.SetValue("cmi.session_time", "PT" + seconds + "S");
          api.SetValue("cmi.exit", "normal");
        } else {
          if (score !== null) {
            api.LMSSetValue("cmi.core.score.raw", String(score));
            api.LMSSetValue("cmi.core.score.min", "0");
            api.LMSSetValue("cmi.core.score.max", "100");
          }
          api.LMSSetValue("cmi.core.lesson_status",
            score === null ? "completed" : (passed ? "passed" : "failed"));
          var hours = Math.floor(seconds / 3600);
          var minutes = Math.floor(seconds / 60) % 60;
          var pad = function (n) { return (n < 10 ? "0" : "") + n; };
          api.LMSSetValue("cmi.core.session_time",
            pad(hours) + ":" + pad(minutes) + ":" + pad(seconds % 60));
        }
        call("LMSCommit", "Commit", "");
        call("LMSFinish", "Terminate", "");
      }
    };
  }

  // --- cmi5 (https://github.com/AICC/CMI-5_Spec_Current, cmi5_spec.md) ------------------
  // The LMS launches the AU with endpoint, fetch, actor, registration and activityId (8.1).
  // The AU POSTs to the fetch URL once for its auth token (8.2), reads the LMS.LaunchData
  // state document (10.0: contextTemplate, launchMode, masteryScore, returnURL), then sends
  // initialized, completed, passed or failed, and terminated (9.3), each with the context
  // template; only in Normal launch mode does it send completed, passed or failed (10.2.2).
  // The LMS itself records "launched".
  var CMI5_CATEGORY = {id: "https://w3id.org/xapi/cmi5/context/categories/cmi5"};
  var MOVEON_CATEGORY = {id: "https://w3id.org/xapi/cmi5/context/categories/moveon"};
  var MASTERY_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var VERBS = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated"
  };

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) { return part.join(""); }).join("-");
  }

  function cmi5Launch() {
    var query = new URLSearchParams(window.location.search);
    var launch = {
      endpoint: query.get("endpoint"),
      fetch: query.get("fetch"),
      registration: query.get("registration"),
      activityId: query.get("activityId"),
      actor: null
    };
    try { launch.actor = JSON.parse(query.get("actor") || "null"); } catch (e) { launch.actor = null; }
    var missing = ["endpoint", "fetch", "actor", "registration", "activityId"].filter(
      function (name) { return !launch[name]; });
    if (missing.length) { return {error: "This course was not launched by a cmi5 LMS (missing " + missing.join(", ") + ")."}; }
    launch.endpoint = launch.endpoint.replace(/\/?$/, "/");
    return launch;
  }

  function cmi5(launch) {
    var token = null;
    var launchData = null;
    var terminated = false;
    var initialized = false;
    var queue;

    function headers(extra) {
      var all = {"Authorization": "Basic " + token, "X-Experience-API-Version": "1.0.3"};
      Object.keys(extra || {}).forEach(function (name) { all[name] = extra[name]; });
      return all;
    }

    function checked(what) {
      return function (response) {
        if (!response.ok) { throw new Error(what + " answered " + response.status); }
        return response;
      };
    }

    function context(categories, extensions) {
      // A copy of the LMS's context template, with the registration and categories added.
      var template = JSON.parse(JSON.stringify(launchData.contextTemplate || {}));
      template.registration = launch.registration;
      template.contextActivities = template.contextActivities || {};
      template.contextActivities.category =
        (template.contextActivities.category || []).concat(categories);
      template.extensions = template.extensions || {};
      Object.keys(extensions || {}).forEach(function (name) { template.extensions[name] = extensions[name]; });
      return template;
    }

    function post(verb, result, categories, extensions, keepalive) {
      var statement = {
        id: uuid(),
        actor: launch.actor,
        verb: {id: VERBS[verb], display: {"en-US": verb}},
        object: {id: launch.activityId, objectType: "Activity"},
        timestamp: new Date().toISOString(),
        context: context(categories, extensions)
      };
      if (result) { statement.result = result; }
      return fetch(launch.endpoint + "statements", {
        method: "POST",
        keepalive: !!keepalive,
        headers: headers({"Content-Type": "application/json"}),
        body: JSON.stringify(statement)
      }).then(checked("The LRS (" + verb + ")"));
    }

    function send(verb, result, categories, extensions) {
      queue = queue.then(function () { return post(verb, result, categories, extensions); });
      return queue;
    }

    function duration() { return "PT" + Math.round((Date.now() - startedAt) / 1000) + "S"; }

    function failed(error) {
      var outcome = document.getElementById("outcome");
      outcome.dataset.reported = "error";
      outcome.dataset.error = String(error && error.message || error);
      outcome.textContent = "Your LMS could not be reached: " + outcome.dataset.error;
    }

    return {
      start: function () {
        queue = fetch(launch.fetch, {method: "POST"})
          .then(checked("The fetch URL"))
          .then(function (response) { return response.json(); })
          .then(function (body) {
            if (!body["auth-token"]) {
              throw new Error("no auth token (" + (body["error-text"] || body["error-code"] || "no reason") + ")");
            }
            token = body["auth-token"];
            var state = new URLSearchParams({
              stateId: "LMS.LaunchData",
              activityId: launch.activityId,
              agent: JSON.stringify(launch.actor),
              registration: launch.registration
            });
            return fetch(launch.endpoint + "activities/state?" + state.toString(), {headers: headers()});
          })
          .then(checked("LMS.LaunchData"))
          .then(function (response) { return response.json(); })
          .then(function (data) {
            launchData = data;
            if (typeof data.masteryScore === "number") {
              passPercent = Math.round(data.masteryScore * 100);
            }
            root.dataset.launchMode = data.launchMode || "Normal";
          });
        send("initialized", null, [CMI5_CATEGORY]).then(function () {
          initialized = true;
          root.dataset.cmi5 = "initialized";
        }).catch(failed);
      },
      finish: function (score) {
        var normal = !launchData || (launchData.launchMode || "Normal") === "Normal";
        var spent = duration();
        if (normal) {
          send("completed", {completion: true, duration: spent}, [CMI5_CATEGORY, MOVEON_CATEGORY]);
          if (score !== null) {
            var passed = score >= passPercent;
            var extensions = {};
            if (launchData && typeof launchData.masteryScore === "number") {
              extensions[MASTERY_EXTENSION] = launchData.masteryScore;
            }
            send(passed ? "passed" : "failed",
              {success: passed, score: {scaled: score / 100, raw: score, min: 0, max: 100}, duration: spent},
              [CMI5_CATEGORY, MOVEON_CATEGORY], extensions);
          }
        }
        this.terminate();
      },
      leave: function () {
        // The learner leaves before finishing: the AU still ends its session (9.3.8), in a
        // request that outlives the page. Only once it has initialized, and only once.
        if (terminated || !initialized) { return; }
        terminated = true;
        post("terminated", {duration: duration()}, [CMI5_CATEGORY], null, true).catch(function () {});
      },
      terminate: function () {
        if (terminated) { return queue; }
        terminated = true;
        return send("terminated", {duration: duration()}, [CMI5_CATEGORY]).then(function () {
          var outcome = document.getElementById("outcome");
          outcome.dataset.reported = "true";
          if (launchData && launchData.returnURL) {
            var back = document.createElement("a");
            back.id = "return";
            back.className = "button";
            back.href = launchData.returnURL;
            back.textContent = "Back to your course";
            outcome.appendChild(document.createTextNode(" "));
            outcome.appendChild(back);
          }
        }).catch(failed);
      }
    };
  }

  var lms = null;
  if (standard === "cmi5") {
    var launch = cmi5Launch();
    if (launch.error) {
      document.getElementById("outcome").textContent = launch.error;
      document.getElementById("outcome").dataset.reported = "no LMS";
    } else {
      lms = cmi5(launch);
    }
  } else {
    var api = findApi(standard === "scorm2004" ? "API_1484_11" : "API");
    if (api) { lms = scorm(api, standard === "scorm2004"); }
  }

  function show(index) {
    current = Math.max(0, Math.min(index, pages.length - 1));
    pages.forEach(function (page, i) { page.hidden = i !== current; });
    if (current < lessons.length) { seen[current] = true; }
    document.getElementById("previous").disabled = current === 0;
    document.getElementById("next").disabled = current === pages.length - 1;
    document.getElementById("position").textContent = (current + 1) + " of " + pages.length;
    if (!assessment && Object.keys(seen).length === lessons.length) { finish(null); }
  }

  function finish(score) {
    if (finished) { return; }
    finished = true;
    var outcome = document.getElementById("outcome");
    outcome.textContent = score === null ? "Completed." :
      "Your score: " + score + "% (" + (score >= passPercent ? "passed" : "not passed") + ").";
    if (lms) { lms.finish(score); } else { outcome.dataset.reported = "no LMS"; }
    if (standard !== "cmi5" && lms) { outcome.dataset.reported = "true"; }
  }

  function score() {
    var questions = document.querySelectorAll(".question");
    var right = 0;
    Array.prototype.forEach.call(questions, function (question) {
      var inputs = question.querySelectorAll("input");
      var correct = Array.prototype.every.call(inputs, function (input) {
        return input.checked === (input.dataset.correct === "1");
      });
      if (correct) { right += 1; }
    });
    return Math.round((100 * right) / questions.length);
  }

  document.getElementById("previous").addEventListener("click", function () { show(current - 1); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1); });
  if (assessment) {
    document.getElementById("assessment").addEventListener("submit", function (event) {
      event.preventDefault();
      if (Object.keys(seen).length < lessons.length) {
        document.getElementById("outcome").textContent = "Read every lesson first.";
        return;
      }
      finish(score());
    });
  }
  if (lms) {
    lms.start();
    if (lms.leave) { window.addEventListener("pagehide", function () { lms.leave(); }); }
  }
  show(0);
})();
