"""A LOCAL STAND-IN for the few Stripe endpoints Bitewise uses, for tests, benchmarks and
the demo: the real Stripe API cannot be reached from these machines. It is not Stripe.

It answers the ``stripe`` library on 127.0.0.1 (point ``BITEWISE_STRIPE_API_BASE`` at it):

- ``POST /v1/checkout/sessions`` and ``GET /v1/checkout/sessions/<id>``
- ``POST /v1/refunds`` (sends ``charge.refunded``)
- ``POST /v1/subscriptions/<id>`` (``cancel_at_period_end``)

and plays the hosted Checkout page: ``GET /pay/<session>`` shows the amount and a Pay
button; paying sends a ``checkout.session.completed`` webhook signed the way Stripe signs
(``Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")``) and redirects to the
success URL. Tests make the other events with ``renew``, ``dispute`` and ``end``.
Events go to ``webhook_url`` when one is given, and are always kept in ``sent`` (payload
and header) so a test can deliver them itself."""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

DAY = 86_400
PERIOD = {"month": 30 * DAY, "year": 365 * DAY}


def sign(payload: str, secret: str, *, at: int | None = None) -> str:
    """A ``Stripe-Signature`` header for ``payload``."""
    timestamp = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _flat(form: dict[str, list[str]]) -> dict[str, str]:
    return {key: values[-1] for key, values in form.items()}


@dataclass
class SentEvent:
    payload: str
    header: str

    @property
    def event(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.payload)
        return data


@dataclass
class StripeStandIn:
    webhook_secret: str
    webhook_url: str = ""
    hold: bool = False  # keep events in ``sent`` without delivering them (tests deliver later)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    sent: list[SentEvent] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    _server: ThreadingHTTPServer | None = None

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> str:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                standin._handle(self, "GET")

            def do_POST(self) -> None:
                standin._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # --- events -------------------------------------------------------------------------

    def emit(self, event_type: str, obj: dict[str, Any], *, event_id: str = "") -> SentEvent:
        event = {
            "id": event_id or f"evt_{secrets.token_hex(12)}",
            "object": "event",
            "api_version": "2025-01-27.acacia",
            "created": int(time.time()),
            "type": event_type,
            "livemode": False,
            "data": {"object": obj},
        }
        payload = json.dumps(event)
        sent = SentEvent(payload, sign(payload, self.webhook_secret))
        self.sent.append(sent)
        if self.webhook_url and not self.hold:
            self.deliver(sent)
        return sent

    def deliver(self, sent: SentEvent, *, header: str | None = None) -> int:
        """POST an event to ``webhook_url`` as Stripe does; returns the HTTP status."""
        request = urllib.request.Request(
            self.webhook_url,
            data=sent.payload.encode(),
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": sent.header if header is None else header,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    def pay(self, session_id: str) -> SentEvent:
        """What the customer's Pay button does: complete the session, send the webhook."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid")
        if session["mode"] == "subscription":
            sub_id = f"sub_{secrets.token_hex(8)}"
            interval = session["_interval"]
            self.subscriptions[sub_id] = {
                "id": sub_id,
                "object": "subscription",
                "status": "active",
                "cancel_at_period_end": False,
                "current_period_end": int(time.time()) + PERIOD.get(interval, 30 * DAY),
                "_interval": interval,
            }
            session["subscription"] = sub_id
        else:
            session["payment_intent"] = f"pi_{secrets.token_hex(12)}"
        public = {k: v for k, v in session.items() if not k.startswith("_")}
        return self.emit("checkout.session.completed", public)

    def renew(self, sub_id: str) -> SentEvent:
        sub = self.subscriptions[sub_id]
        sub["current_period_end"] += PERIOD.get(sub["_interval"], 30 * DAY)
        invoice = {
            "id": f"in_{secrets.token_hex(8)}",
            "object": "invoice",
            "subscription": sub_id,
            "status": "paid",
            "lines": {"data": [{"period": {"end": sub["current_period_end"]}}]},
        }
        return self.emit("invoice.paid", invoice)

    def end(self, sub_id: str) -> SentEvent:
        sub = self.subscriptions[sub_id]
        sub["status"] = "canceled"
        return self.emit(
            "customer.subscription.deleted", {k: v for k, v in sub.items() if k[0] != "_"}
        )

    def dispute(self, payment_intent: str) -> SentEvent:
        dispute = {
            "id": f"dp_{secrets.token_hex(8)}",
            "object": "dispute",
            "payment_intent": payment_intent,
            "status": "needs_response",
        }
        return self.emit("charge.dispute.created", dispute)

    # --- HTTP ---------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        path = urlsplit(handler.path).path
        self.requests.append((method, path))
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode() if length else ""
        form = _flat(parse_qs(body))
        parts = path.strip("/").split("/")
        try:
            if method == "POST" and path == "/v1/checkout/sessions":
                return self._json(handler, self._session_create(form))
            if method == "GET" and parts[:3] == ["v1", "checkout", "sessions"] and len(parts) == 4:
                session = self.sessions[parts[3]]
                return self._json(handler, {k: v for k, v in session.items() if k[0] != "_"})
            if method == "POST" and path == "/v1/refunds":
                return self._json(handler, self._refund(form))
            if method == "POST" and parts[:2] == ["v1", "subscriptions"] and len(parts) == 3:
                sub = self.subscriptions[parts[2]]
                if "cancel_at_period_end" in form:
                    sub["cancel_at_period_end"] = form["cancel_at_period_end"] == "true"
                return self._json(handler, {k: v for k, v in sub.items() if k[0] != "_"})
            if parts[0] == "pay" and len(parts) == 2:
                return self._page(handler, method, parts[1])
        except KeyError:
            return self._json(
                handler,
                {"error": {"type": "invalid_request_error", "message": "No such object"}},
                404,
            )
        return self._json(
            handler, {"error": {"type": "invalid_request_error", "message": "Unknown URL"}}, 404
        )

    def _session_create(self, form: dict[str, str]) -> dict[str, Any]:
        missing = [k for k in ("mode", "success_url", "cancel_url") if not form.get(k)]
        if missing:
            raise KeyError(missing[0])
        session_id = f"cs_test_{secrets.token_hex(12)}"
        item = "line_items[0][price_data]"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": form["mode"],
            "status": "open",
            "payment_status": "unpaid",
            "client_reference_id": form.get("client_reference_id"),
            "metadata": {"order": form.get("metadata[order]", "")},
            "customer_email": form.get("customer_email"),
            "currency": form.get(f"{item}[currency]", "usd"),
            "amount_total": int(form.get(f"{item}[unit_amount]", "0"))
            * int(form.get("line_items[0][quantity]", "1")),
            "success_url": form["success_url"],
            "cancel_url": form["cancel_url"],
            "payment_intent": None,
            "subscription": None,
            "url": f"{self.base_url}/pay/{session_id}",
            "_name": form.get(f"{item}[product_data][name]", ""),
            "_interval": form.get(f"{item}[recurring][interval]", ""),
        }
        self.sessions[session_id] = session
        return {k: v for k, v in session.items() if not k.startswith("_")}

    def _refund(self, form: dict[str, str]) -> dict[str, Any]:
        payment_intent = form["payment_intent"]
        if not any(s.get("payment_intent") == payment_intent for s in self.sessions.values()):
            raise KeyError(payment_intent)
        refund = {"id": f"re_{secrets.token_hex(8)}", "object": "refund", "status": "succeeded"}
        charge = {
            "id": f"ch_{secrets.token_hex(8)}",
            "object": "charge",
            "payment_intent": payment_intent,
            "refunded": True,
        }
        self.emit("charge.refunded", charge)
        return {**refund, "payment_intent": payment_intent}

    def _page(self, handler: BaseHTTPRequestHandler, method: str, session_id: str) -> None:
        session = self.sessions[session_id]
        if method == "POST":
            self.pay(session_id)
            handler.send_response(303)
            handler.send_header("Location", session["success_url"])
            handler.end_headers()
            return
        amount = f"{session['amount_total'] / 100:.2f} {session['currency'].upper()}"
        page = (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width,initial-scale=1'>"
            "<title>Checkout stand-in</title></head><body><main>"
            "<h1>Checkout (local stand-in, not Stripe)</h1>"
            f"<p>{html.escape(session['_name'])}</p><p>Total: <strong>{amount}</strong></p>"
            f"<form method='post'><button type='submit'>Pay {amount}</button></form>"
            f"<p><a href='{html.escape(session['cancel_url'])}'>Cancel</a></p>"
            "</main></body></html>"
        )
        data = page.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _json(
        self, handler: BaseHTTPRequestHandler, data: dict[str, Any], status: int = 200
    ) -> None:
        body = json.dumps(data).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Request-Id", f"req_{secrets.token_hex(6)}")
        handler.end_headers()
        handler.wfile.write(body)
