"""Policy Briefing Workbench: sources, a policy-option matrix and PDF briefs in one project file."""

__version__ = "0.1.0"
