"""Delivery: approved PDFs in, e-mails out, once each, and the pages behind their links.

In: `RenderedEdition` records (the PDFs of `out/YYYY-MM/`), the subscriber database.
Out: messages handed to a transport, one ledger row per message, and the web pages of
`briefing serve`. Modules, from the inside out:
  subscribers  the subscriber list and the database file it lives in (keys, tokens)
  ledger       the send ledger: which edition went to whom, so each goes out once
  transport    how a message leaves: SMTP, or `.eml` files in the outbox
  mail         who gets which edition, the message itself, the delivery loop
  signup       double opt-in sign-up requests and their limits
  serve        the web endpoint behind the links (unsubscribe, preferences, subscribe)
The approval that gates SMTP delivery belongs to the review stage (`briefing.approval`).
"""
