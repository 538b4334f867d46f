from .header import EvaluationHeaderForm
from .outcomes import OutcomesForm
from .sections import section_form

__all__ = ["EvaluationHeaderForm", "OutcomesForm", "section_form"]
