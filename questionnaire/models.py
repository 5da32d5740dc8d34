"""Database models of the questionnaire app: none yet.

Organisations, questions, drafts, records and signing keys arrive here (see the
architecture notes); the module exists so the app's place is clear from the start.
"""
