from trustplan.core.permissions import declare

KPI_VIEW = declare("kpi.view", "read KPIs, targets, measurements and their status")
KPI_ENTER = declare("kpi.enter", "define KPIs and targets, enter and upload measurements")
