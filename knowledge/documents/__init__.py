"""Documents people take away from Pathfinder (the plan as a PDF)."""
