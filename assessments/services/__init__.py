"""What writes assessments: banks and questions, assessments and their schedules, attempts, grading."""
