package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// planHasNo is a plan check that fails when secret appears anywhere in the
// plan's JSON (values, prior state, configuration).
func planHasNo(secret string) plancheck.PlanCheck { return planSecretCheck{secret: secret} }

type planSecretCheck struct{ secret string }

func (c planSecretCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	raw, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(raw), c.secret) {
		resp.Error = fmt.Errorf("the secret %q... appears in the plan JSON", c.secret[:min(4, len(c.secret))])
	}
}
