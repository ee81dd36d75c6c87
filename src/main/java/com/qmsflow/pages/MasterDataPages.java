package com.qmsflow.pages;

import com.qmsflow.customer.CustomerAccess;
import com.qmsflow.customer.SalesReps;
import com.qmsflow.web.PageController;
import com.qmsflow.web.PageShell.Shell;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pages of the archive and the catalogs (issue 15 points 4-6), each calling the same {@code
 * /api} as other systems with the browser's Tasklist session:
 *
 * <ul>
 *   <li>{@code /customers/}: the customer list (search, tier and active filters, sorting, paging),
 *       export of the archive, and for the editors the import of ERP files (dry run, then commit);
 *   <li>{@code /customers/{code}}: one customer: master data, contacts, revenue and tier for those
 *       who see revenue, tier history, feedback history; editing for the archive's editors;
 *   <li>{@code /complaints/new}: register a complaint by finding the customer and the defect;
 *   <li>{@code /defect-codes/}: the defect catalog, maintained by its owners, with its change log;
 *   <li>{@code /calendar/}: the working-day calendar, maintained by administrators, with its log.
 * </ul>
 *
 * The archive and the registration refuse with the shell's 403 page whoever the API refuses; the
 * catalog and the calendar are read by every signed-in user (the API reads them to everyone), their
 * editing and change log only by their owners.
 */
@PageController
public class MasterDataPages {

  private final PageAccess access;
  private final SalesReps salesReps;

  public MasterDataPages(PageAccess access, SalesReps salesReps) {
    this.access = access;
    this.salesReps = salesReps;
  }

  @GetMapping("/customers/")
  public String customers(
      @ModelAttribute("shell") Shell shell, Model model, HttpServletResponse response) {
    model.addAttribute("mayEdit", access.customerEditor(shell));
    model.addAttribute("mayRegister", access.registerComplaint(shell));
    // the import panel offers the customer file to the editors, the revenue file to the revenue
    // editors; the export of revenue only to who sees revenue (customer/CustomerTransferController)
    model.addAttribute("mayImportRevenue", access.revenueEditor(shell));
    model.addAttribute("mayExportRevenue", access.revenueReader(shell));
    return PageAccess.pageFor(shell, CustomerAccess.READERS, "customers", model, response);
  }

  @GetMapping("/customers/{code}")
  public String customer(
      @PathVariable("code") String code,
      @ModelAttribute("shell") Shell shell,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("code", code);
    boolean mayEdit = access.customerEditor(shell);
    model.addAttribute("mayEdit", mayEdit);
    // the editors pick the sales rep from the users of the group sales
    model.addAttribute("salesReps", mayEdit ? salesReps.all() : java.util.List.of());
    model.addAttribute("mayEditRevenue", access.revenueEditor(shell));
    model.addAttribute("mayRegister", access.registerComplaint(shell));
    return PageAccess.pageFor(shell, CustomerAccess.READERS, "customer", model, response);
  }

  @GetMapping("/complaints/new")
  public String registerComplaint(
      @ModelAttribute("shell") Shell shell, Model model, HttpServletResponse response) {
    return PageAccess.pageFor(shell, PageAccess.REGISTRARS, "complaint-new", model, response);
  }

  @GetMapping("/defect-codes/")
  public String defectCatalog(@ModelAttribute("shell") Shell shell, Model model) {
    model.addAttribute("mayEdit", access.defectCatalogOwner(shell));
    return "defect-codes";
  }

  @GetMapping("/calendar/")
  public String calendar(@ModelAttribute("shell") Shell shell, Model model) {
    model.addAttribute("mayEdit", access.calendarOwner(shell));
    return "calendar";
  }
}
