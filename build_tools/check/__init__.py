"""Stage 2, check: every file validated against its model (validate), the registries loaded (registries), the
rules applied (rules/, one module per family), every problem collected with its file and line (checker), and the
outcome handed on: entries with their status, plans, an account of every file (outcome).

Never imports a later stage: checking a file needs no imaging, QR, calendar or engine library."""
