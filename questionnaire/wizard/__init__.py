"""The guided questionnaire: field types (``fields``), one form per step (``forms``), which
steps apply (``steps``), draft storage (``storage``), the view (``view``) and the answers
document built from the steps (``answers``)."""
