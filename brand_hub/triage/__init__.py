"""Spam and abuse triage: scores for each new comment and idea, holds above the thresholds."""
