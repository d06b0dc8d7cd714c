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

  // --- cmi5 (https://github.com/AICC/CMI-5_Spec_Current) -----------------------------------
  function cmi5() {
    var query = new URLSearchParams(window.location.search);
    var endpoint = (query.get("endpoint") || "").replace(/\/?$/, "/");
    var registration = query.get("registration");
    var activityId = query.get("activityId") || root.dataset.activity;
    var actor = JSON.parse(query.get("actor") || "null");
    var session = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now());
    var token = null;
    var category = {id: "https://w3id.org/xapi/cmi5/context/categories/cmi5"};
    var moveOn = {id: "https://w3id.org/xapi/cmi5/context/categories/moveon"};
    var queue = Promise.resolve();

    function send(verb, result, categories) {
      var statement = {
        id: crypto.randomUUID(),
        actor: actor,
        verb: {id: "http://adlnet.gov/expapi/verbs/" + verb, display: {"en-US": verb}},
        object: {id: activityId, objectType: "Activity"},
        timestamp: new Date().toISOString(),
        context: {
          registration: registration,
          contextActivities: {category: categories},
          extensions: {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": session}
        }
      };
      if (result) { statement.result = result; }
      queue = queue.then(function () {
        return fetch(endpoint + "statements", {
          method: "POST",
          headers: {
            "Authorization": "Basic " + token,
            "Content-Type": "application/json",
            "X-Experience-API-Version": "1.0.3"
          },
          body: JSON.stringify(statement)
        });
      });
      return queue;
    }

    return {
      start: function () {
        queue = fetch(query.get("fetch"), {method: "POST"})
          .then(function (response) { return response.json(); })
          .then(function (body) { token = body["auth-token"]; });
        send("initialized", null, [category]);
      },
      finish: function (score) {
        var duration = "PT" + Math.round((Date.now() - startedAt) / 1000) + "S";
        send("completed", {completion: true, duration: duration}, [category, moveOn]);
        if (score !== null) {
          var passed = score >= passPercent;
          send(passed ? "passed" : "failed",
            {success: passed, score: {scaled: score / 100}, duration: duration},
            [category, moveOn]);
        }
        send("terminated", {duration: duration}, [category]).then(function () {
          document.getElementById("outcome").dataset.reported = "true";
        });
      }
    };
  }

  var lms = null;
  if (standard === "cmi5") {
    lms = cmi5();
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
  if (lms) { lms.start(); }
  show(0);
})();
