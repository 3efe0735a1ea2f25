package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
)

type documentSigningOrderModel struct {
	ProductNameID        types.String `tfsdk:"product_name_id"`
	Certificate          types.Object `tfsdk:"certificate"`
	CSProvisioningMethod types.String `tfsdk:"cs_provisioning_method"`
	UseOrgAsCommonName   types.Bool   `tfsdk:"use_org_as_common_name"`
	ValidityYears        types.Int64  `tfsdk:"validity_years"`
	OrderValidity        types.Object `tfsdk:"order_validity"`
	Comments             types.String `tfsdk:"comments"`
	OrganizationContact  types.Object `tfsdk:"organization_contact"`
	Organization         types.Object `tfsdk:"organization"`
	Container            types.Object `tfsdk:"container"`
	ShipInfo             types.Object `tfsdk:"ship_info"`
	Subject              types.Object `tfsdk:"subject"`
	CustomFields         types.List   `tfsdk:"custom_fields"`
	UserIDAssignments    types.List   `tfsdk:"user_id_assignments"`
	AdditionalEmails     types.List   `tfsdk:"additional_emails"`
	RenewalOfOrderID     types.Int64  `tfsdk:"renewal_of_order_id"`
	RenewedThumbprint    types.String `tfsdk:"renewed_thumbprint"`
	CustomRenewalMessage types.String `tfsdk:"custom_renewal_message"`
	CSAAgreedTo          types.Bool   `tfsdk:"csa_agreed_to"`
	PromoCode            types.String `tfsdk:"promo_code"`
	SkipApproval         types.Bool   `tfsdk:"skip_approval"`
	PaymentMethod        types.String `tfsdk:"payment_method"`
	CreditCard           types.Object `tfsdk:"credit_card"`
	BillingAddress       types.Object `tfsdk:"billing_address"`
	OnDestroy            types.String `tfsdk:"on_destroy"`
	AlternativeOrderID   types.String `tfsdk:"alternative_order_id"`
	Requests             types.List   `tfsdk:"requests"`
	OrganizationID       types.Int64  `tfsdk:"organization_id"`
	orderStatusModel
}

type dsignCertificateModel struct {
	CSR              types.String `tfsdk:"csr"`
	ServerPlatform   types.Object `tfsdk:"server_platform"`
	SignatureHash    types.String `tfsdk:"signature_hash"`
	CACertID         types.String `tfsdk:"ca_cert_id"`
	UsageDesignation types.Object `tfsdk:"usage_designation"`
	KeySize          types.String `tfsdk:"key_size"`
	CSRKeyType       types.String `tfsdk:"csr_key_type"`
}

type dsignUsageDesignationModel struct {
	PrimaryUsage     types.String `tfsdk:"primary_usage"`
	AdditionalUsages types.List   `tfsdk:"additional_usages"`
}

type dsignOrganizationModel struct {
	ID                    types.Int64  `tfsdk:"id"`
	SkipDuplicateOrgCheck types.Bool   `tfsdk:"skip_duplicate_org_check"`
	Name                  types.String `tfsdk:"name"`
	AssumedName           types.String `tfsdk:"assumed_name"`
	Address               types.String `tfsdk:"address"`
	Address2              types.String `tfsdk:"address2"`
	City                  types.String `tfsdk:"city"`
	State                 types.String `tfsdk:"state"`
	Zip                   types.String `tfsdk:"zip"`
	Country               types.String `tfsdk:"country"`
	Telephone             types.String `tfsdk:"telephone"`
	OrganizationContact   types.Object `tfsdk:"organization_contact"`
	Contacts              types.List   `tfsdk:"contacts"`
}

type dsignOrganizationContactModel struct {
	FirstName          types.String `tfsdk:"first_name"`
	LastName           types.String `tfsdk:"last_name"`
	Email              types.String `tfsdk:"email"`
	JobTitle           types.String `tfsdk:"job_title"`
	Telephone          types.String `tfsdk:"telephone"`
	TelephoneExtension types.String `tfsdk:"telephone_extension"`
}

type dsignContactModel struct {
	ID          types.Int64  `tfsdk:"id"`
	UserID      types.Int64  `tfsdk:"user_id"`
	FirstName   types.String `tfsdk:"first_name"`
	LastName    types.String `tfsdk:"last_name"`
	Email       types.String `tfsdk:"email"`
	JobTitle    types.String `tfsdk:"job_title"`
	Telephone   types.String `tfsdk:"telephone"`
	ContactType types.String `tfsdk:"contact_type"`
}

type dsignShipInfoModel struct {
	Name    types.String `tfsdk:"name"`
	Addr1   types.String `tfsdk:"addr1"`
	Addr2   types.String `tfsdk:"addr2"`
	City    types.String `tfsdk:"city"`
	State   types.String `tfsdk:"state"`
	Zip     types.String `tfsdk:"zip"`
	Country types.String `tfsdk:"country"`
	Method  types.String `tfsdk:"method"`
}

type dsignSubjectModel struct {
	Name      types.String `tfsdk:"name"`
	GivenName types.String `tfsdk:"given_name"`
	Surname   types.String `tfsdk:"surname"`
	JobTitle  types.String `tfsdk:"job_title"`
	Phone     types.String `tfsdk:"phone"`
	Email     types.String `tfsdk:"email"`
}

type dsignCreditCardModel struct {
	Number          types.String `tfsdk:"number"`
	ExpirationMonth types.String `tfsdk:"expiration_month"`
	ExpirationYear  types.String `tfsdk:"expiration_year"`
	CVV             types.String `tfsdk:"cvv"`
	CardholderName  types.String `tfsdk:"cardholder_name"`
	SaveCreditCard  types.Bool   `tfsdk:"save_credit_card"`
	SetAsDefault    types.Bool   `tfsdk:"set_as_default"`
}

type dsignBillingAddressModel struct {
	Address  types.String `tfsdk:"address"`
	Address2 types.String `tfsdk:"address2"`
	City     types.String `tfsdk:"city"`
	State    types.String `tfsdk:"state"`
	Country  types.String `tfsdk:"country"`
	Zip      types.String `tfsdk:"zip"`
}

type dsignRequestModel struct {
	ID     types.Int64  `tfsdk:"id"`
	Status types.String `tfsdk:"status"`
}

func dsignRequestsList(ctx context.Context, requests []certcentral.PlacedRequest, diags *diag.Diagnostics) types.List {
	elemType := types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.Int64Type, "status": types.StringType}}
	elems := make([]dsignRequestModel, len(requests))
	for i, rq := range requests {
		elems[i] = dsignRequestModel{ID: types.Int64Value(rq.ID), Status: types.StringValue(rq.Status)}
	}
	l, d := types.ListValueFrom(ctx, elemType, elems)
	diags.Append(d...)
	return l
}

// documentSigningOrderRequest maps the planned attributes, with the card
// data from the configuration (dsignWriteOnlyFromConfig), onto the API
// body; unset attributes stay out of the JSON.
func documentSigningOrderRequest(ctx context.Context, m documentSigningOrderModel) (certcentral.DocumentSigningOrderRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := certcentral.DocumentSigningOrderRequest{
		CSProvisioningMethod: m.CSProvisioningMethod.ValueString(),
		UseOrgAsCommonName:   boolPtr(m.UseOrgAsCommonName),
		ValidityYears:        int64Ptr(m.ValidityYears),
		Comments:             m.Comments.ValueString(),
		Container:            idRef(ctx, m.Container, &diags),
		CustomFields:         customFields(ctx, m.CustomFields, &diags),
		AdditionalEmails:     stringList(ctx, m.AdditionalEmails, &diags),
		RenewalOfOrderID:     int64Ptr(m.RenewalOfOrderID),
		RenewedThumbprint:    m.RenewedThumbprint.ValueString(),
		CustomRenewalMessage: m.CustomRenewalMessage.ValueString(),
		PromoCode:            m.PromoCode.ValueString(),
		SkipApproval:         boolPtr(m.SkipApproval),
		PaymentMethod:        m.PaymentMethod.ValueString(),
	}
	if dsignIsSet(m.UserIDAssignments) {
		diags.Append(m.UserIDAssignments.ElementsAs(ctx, &out.UserIDAssignments, false)...)
	}
	if dsignIsSet(m.CSAAgreedTo) {
		agreed := certcentral.NumericBool(m.CSAAgreedTo.ValueBool())
		out.CSAAgreedTo = &agreed
	}

	var cert dsignCertificateModel
	if dsignObjectAs(ctx, m.Certificate, &cert, &diags) {
		out.Certificate = certcentral.DocumentSigningCertificate{
			CSR:            cert.CSR.ValueString(),
			ServerPlatform: idRef(ctx, cert.ServerPlatform, &diags),
			SignatureHash:  cert.SignatureHash.ValueString(),
			CACertID:       cert.CACertID.ValueString(),
			KeySize:        certcentral.KeySize(cert.KeySize.ValueString()),
			CSRKeyType:     cert.CSRKeyType.ValueString(),
		}
		var ud dsignUsageDesignationModel
		if dsignObjectAs(ctx, cert.UsageDesignation, &ud, &diags) {
			out.Certificate.UsageDesignation = &certcentral.UsageDesignation{
				PrimaryUsage:     ud.PrimaryUsage.ValueString(),
				AdditionalUsages: stringList(ctx, ud.AdditionalUsages, &diags),
			}
		}
	}
	out.OrderValidity = orderValidityRequest(ctx, m.OrderValidity, &diags)
	out.OrganizationContact = dsignContact(ctx, m.OrganizationContact, &diags)
	var org dsignOrganizationModel
	if dsignObjectAs(ctx, m.Organization, &org, &diags) {
		o := &certcentral.DocumentSigningOrganization{
			ID: int64Ptr(org.ID), SkipDuplicateOrgCheck: boolPtr(org.SkipDuplicateOrgCheck),
			Name: org.Name.ValueString(), AssumedName: org.AssumedName.ValueString(), Address: org.Address.ValueString(), Address2: org.Address2.ValueString(),
			City: org.City.ValueString(), State: org.State.ValueString(), Zip: org.Zip.ValueString(), Country: org.Country.ValueString(), Telephone: org.Telephone.ValueString(),
		}
		o.OrganizationContact = dsignContact(ctx, org.OrganizationContact, &diags)
		if dsignIsSet(org.Contacts) {
			var contacts []dsignContactModel
			diags.Append(org.Contacts.ElementsAs(ctx, &contacts, false)...)
			for _, c := range contacts {
				o.Contacts = append(o.Contacts, certcentral.OrganizationOrderContact{
					ID: c.ID.ValueInt64(), UserID: int64Ptr(c.UserID), FirstName: c.FirstName.ValueString(), LastName: c.LastName.ValueString(),
					Email: c.Email.ValueString(), JobTitle: c.JobTitle.ValueString(), Telephone: c.Telephone.ValueString(), ContactType: c.ContactType.ValueString(),
				})
			}
		}
		out.Organization = o
	}
	var ship dsignShipInfoModel
	if dsignObjectAs(ctx, m.ShipInfo, &ship, &diags) {
		out.ShipInfo = &certcentral.ShipInfo{
			Name: ship.Name.ValueString(), Addr1: ship.Addr1.ValueString(), Addr2: ship.Addr2.ValueString(), City: ship.City.ValueString(),
			State: ship.State.ValueString(), Zip: ship.Zip.ValueString(), Country: ship.Country.ValueString(), Method: ship.Method.ValueString(),
		}
	}
	var subj dsignSubjectModel
	if dsignObjectAs(ctx, m.Subject, &subj, &diags) {
		out.Subject = &certcentral.DocumentSigningSubject{
			Name: subj.Name.ValueString(), GivenName: subj.GivenName.ValueString(), Surname: subj.Surname.ValueString(),
			JobTitle: subj.JobTitle.ValueString(), Phone: subj.Phone.ValueString(), Email: subj.Email.ValueString(),
		}
	}
	var cc dsignCreditCardModel
	if dsignObjectAs(ctx, m.CreditCard, &cc, &diags) {
		setAsDefault := "0"
		if cc.SetAsDefault.ValueBool() {
			setAsDefault = "1"
		}
		out.CreditCard = &certcentral.CreditCard{
			Number: cc.Number.ValueString(), ExpirationMonth: cc.ExpirationMonth.ValueString(), ExpirationYear: cc.ExpirationYear.ValueString(),
			CVV: cc.CVV.ValueString(), CardholderName: cc.CardholderName.ValueString(), SaveCreditCard: boolPtr(cc.SaveCreditCard), SetAsDefault: setAsDefault,
		}
	}
	var ba dsignBillingAddressModel
	if dsignObjectAs(ctx, m.BillingAddress, &ba, &diags) {
		out.BillingAddress = &certcentral.BillingAddress{
			Address: ba.Address.ValueString(), Address2: ba.Address2.ValueString(), City: ba.City.ValueString(),
			State: ba.State.ValueString(), Country: ba.Country.ValueString(), Zip: ba.Zip.ValueString(),
		}
	}
	return out, diags
}

// dsignContact maps a contact object; nil when it is not set.
func dsignContact(ctx context.Context, obj types.Object, diags *diag.Diagnostics) *certcentral.OrganizationContact {
	var oc dsignOrganizationContactModel
	if !dsignObjectAs(ctx, obj, &oc, diags) {
		return nil
	}
	return &certcentral.OrganizationContact{
		FirstName: oc.FirstName.ValueString(), LastName: oc.LastName.ValueString(), Email: oc.Email.ValueString(),
		JobTitle: oc.JobTitle.ValueString(), Telephone: oc.Telephone.ValueString(), TelephoneExtension: oc.TelephoneExtension.ValueString(),
	}
}

// dsignModelFromOrderInfo fills the arguments of an imported order from order
// info. Order info returns the product, the certificate's CSR, server
// platform and signature hash, the provisioning method, the validity
// (order_validity, see dsignOrderValidityFromInfo), the organization's ID,
// the container and the payment method; every other argument (subject,
// contacts, ship_info, usage designation, key settings, comments, ...)
// exists only in the order request, stays null, and is adopted from the
// configuration (see replaceString); Read's import warning names the
// required ones (dsignImportNeeds). The import test lists them in
// ImportStateVerifyIgnore.
func dsignModelFromOrderInfo(ctx context.Context, m *documentSigningOrderModel, info *certcentral.OrderInfo) diag.Diagnostics {
	var diags diag.Diagnostics
	s := schemaOf(ctx, &documentSigningOrderResource{})
	m.ProductNameID = types.StringValue(info.Product.NameID)
	employee := info.Product.NameID == dsignEmployeeProduct
	m.OnDestroy = types.StringValue(onDestroyCancel)
	m.AlternativeOrderID = stringOrNull(info.AlternativeOrderID)

	certType := objectTypeOf(s, "certificate")
	spTypes := nestedObjectAttrTypes(certType, "server_platform")
	cert := dsignCertificateModel{
		CSR: types.StringNull(), ServerPlatform: types.ObjectNull(spTypes), SignatureHash: types.StringNull(), CACertID: types.StringNull(),
		UsageDesignation: types.ObjectNull(nestedObjectAttrTypes(certType, "usage_designation")), KeySize: types.StringNull(), CSRKeyType: types.StringNull(),
	}
	if c := info.Certificate; c != nil {
		cert.CSR = stringOrNull(c.CSR)
		// -1 (other) is CertCentral's default: an order that did not choose
		// a platform reads back as -1, which the configuration leaves out.
		if c.ServerPlatform != nil && c.ServerPlatform.ID != -1 {
			cert.ServerPlatform = idObject(spTypes, c.ServerPlatform.ID)
		}
		cert.SignatureHash = stringOrNull(c.SignatureHash)
	}
	obj, d := types.ObjectValueFrom(ctx, certType.AttrTypes, cert)
	diags.Append(d...)
	m.Certificate = obj

	m.CSProvisioningMethod = stringOrNull(info.CSProvisioningMethod)
	m.ValidityYears = types.Int64Null()
	m.OrderValidity = dsignOrderValidityFromInfo(objectTypeOf(s, "order_validity").AttrTypes, info, employee)
	m.PaymentMethod = stringOrNull(info.PaymentMethod)

	orgType := objectTypeOf(s, "organization")
	m.Organization = types.ObjectNull(orgType.AttrTypes)
	if info.Organization != nil && info.Organization.ID != 0 {
		values := map[string]attr.Value{}
		for name, t := range orgType.AttrTypes {
			values[name] = dsignNullOf(t)
		}
		values["id"] = types.Int64Value(info.Organization.ID)
		obj, d := types.ObjectValue(orgType.AttrTypes, values)
		diags.Append(d...)
		m.Organization = obj
	}
	m.Container = types.ObjectNull(objectTypeOf(s, "container").AttrTypes)
	if info.Container != nil && info.Container.ID != 0 {
		m.Container = idObject(objectTypeOf(s, "container").AttrTypes, info.Container.ID)
	}
	for _, o := range []struct {
		target *types.Object
		name   string
	}{{&m.OrganizationContact, "organization_contact"}, {&m.ShipInfo, "ship_info"}, {&m.Subject, "subject"}, {&m.CreditCard, "credit_card"}, {&m.BillingAddress, "billing_address"}} {
		*o.target = types.ObjectNull(objectTypeOf(s, o.name).AttrTypes)
	}
	m.CustomFields = types.ListNull(listElemObjectType(s, "custom_fields"))
	m.UserIDAssignments = types.ListNull(types.Int64Type)
	m.AdditionalEmails = types.ListNull(types.StringType)
	m.Requests = types.ListNull(listElemObjectType(s, "requests"))
	m.OrganizationID = types.Int64Null()
	return diags
}

// dsignImportNeeds is the warning that tells, at import, which required
// arguments order info cannot give and the configuration must add.
func dsignImportNeeds(info *certcentral.OrderInfo) diag.Diagnostic {
	employee := info.Product != nil && info.Product.NameID == dsignEmployeeProduct
	needs := "subject (" + dsignSubjectFields(employee) + ")"
	if info.CSProvisioningMethod == "ship_token" {
		needs += " and ship_info (where the token is shipped)"
	}
	if employee {
		needs += ", organization.contacts, csa_agreed_to and certificate.usage_designation"
	}
	return diag.NewWarningDiagnostic("Imported Order Needs Arguments Order Info Lacks",
		fmt.Sprintf("Order %d is imported with what CertCentral's order info returns. Order info has no %s, which the configuration must give: "+
			"configuration generated from this import leaves them null and plans fail until they are added. "+
			"Write them as the order was placed; the next apply records them in state without a new order.", info.ID, needs))
}

func dsignSubjectFields(employee bool) string {
	if employee {
		return "given_name, surname, job_title, phone, email"
	}
	return "name, job_title, phone, email"
}

// dsignOrderValidityFromInfo is order_validity as order info gives it: its
// order_validity, else the certificate's cert_validity, else validity_years.
// The current pages use order_validity for every product (validity_years
// is deprecated on the org page), so an import fills order_validity, never
// validity_years; a configuration that still says validity_years with the
// same years is recorded in place (document_signing_order_validity.go).
// The org products take years only. A custom expiration date is turned into
// the request's "dd MMM YYYY" form (order info may give it as yyyy-MM-dd),
// and left out when it is neither.
func dsignOrderValidityFromInfo(attrTypes map[string]attr.Type, info *certcentral.OrderInfo, employee bool) types.Object {
	v := info.OrderValidity
	if v == nil && info.Certificate != nil {
		v = info.Certificate.CertValidity
	}
	if v == nil && info.ValidityYears != 0 {
		years := info.ValidityYears
		v = &certcentral.OrderValidity{Years: &years}
	}
	values := map[string]attr.Value{"years": types.Int64Null(), "days": types.Int64Null(), "custom_expiration_date": types.StringNull()}
	switch {
	case v == nil:
		return types.ObjectNull(attrTypes)
	case v.Years != nil && *v.Years != 0:
		values["years"] = types.Int64Value(*v.Years)
	case !employee:
		return types.ObjectNull(attrTypes) // days or a date: not an org product's validity
	case v.Days != nil && *v.Days != 0:
		values["days"] = types.Int64Value(*v.Days)
	case v.CustomExpirationDate != "":
		d, err := time.Parse("2006-01-02", v.CustomExpirationDate)
		if err != nil {
			if d, err = time.Parse("02 Jan 2006", v.CustomExpirationDate); err != nil {
				return types.ObjectNull(attrTypes)
			}
		}
		values["custom_expiration_date"] = types.StringValue(strings.ToUpper(d.Format("02 Jan 2006")))
	default:
		return types.ObjectNull(attrTypes)
	}
	return types.ObjectValueMust(attrTypes, values)
}

// dsignNullOf returns the null value of an attribute type.
func dsignNullOf(t attr.Type) attr.Value {
	switch tt := t.(type) {
	case types.ObjectType:
		return types.ObjectNull(tt.AttrTypes)
	case types.ListType:
		return types.ListNull(tt.ElemType)
	}
	switch t {
	case types.Int64Type:
		return types.Int64Null()
	case types.BoolType:
		return types.BoolNull()
	}
	return types.StringNull()
}
