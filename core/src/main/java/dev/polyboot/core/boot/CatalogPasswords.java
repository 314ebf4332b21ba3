package dev.polyboot.core.boot;

import static dev.polyboot.core.boot.Grub.cmd;
import static dev.polyboot.core.boot.Grub.comment;

import dev.polyboot.core.boot.GrubScript.Node;
import dev.polyboot.core.config.MenuUsers;
import dev.polyboot.core.config.StickConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The passwords of {@code /polyboot.json} in catalog.cfg, with GRUB 2.06's own users ({@code normal.mod}: no module
 * to add): {@code superusers} turns checking on, {@code password_pbkdf2 USER HASH} registers a user, and each menu
 * entry says who may run it — {@code --users=NAME} (that user or a superuser), nothing (superusers only) or
 * {@code --unrestricted} (everyone). The choice is made per entry through the variable {@value #VAR}, one word that
 * GRUB's option parser reads wherever it stands among the entry's arguments, so one {@code pb_entry} body serves
 * every image; grub.cfg sets it to {@code --unrestricted} before sourcing catalog.cfg and gives it to the runtime scan's
 * entries, and marks its own fixed entries (header, Reboot, Power off) {@code --unrestricted}.
 * <p>GRUB's side effect, not ours to change: once {@code superusers} is set, the entry editor ({@code e}) and the
 * command line ({@code c}) ask for a superuser too — with only image or folder passwords there is none, so both
 * are closed until the menu password ({@value MenuUsers#SUPERUSER}) is set. A user who typed the right password once
 * stays logged in until the machine restarts. Leaving any submenu with Esc asks for a superuser as well (GRUB 2.06's
 * {@code grub_show_menu} checks authentication whenever a menu is left), so every submenu of a menu with passwords
 * (search, folders, an image's other entries) ends with {@link #back()}, open to everyone.
 */
final class CatalogPasswords {
    static final String VAR = "pb_acc";
    static final String FREE = "--unrestricted";

    private CatalogPasswords() {}

    /** superusers, the users, and the default access: everyone, or only the menu password's user. */
    static List<Node> setup(MenuUsers users) {
        List<Node> n = new ArrayList<>();
        n.add(comment("Passwords from " + StickConfig.PATH + " (GRUB PBKDF2 hashes): GRUB asks for the user name, then the password."));
        n.add(comment("superusers also closes the editor and the command line to everyone but " + MenuUsers.SUPERUSER + "."));
        n.add(cmd("set", "superusers=" + MenuUsers.SUPERUSER));
        // submenus (search, an image's other entries) see exported variables only: without it they would not check
        n.add(cmd("export", "superusers"));
        for (MenuUsers.User u : users.all()) n.add(cmd("password_pbkdf2", u.name(), u.hash()));
        n.add(set(defaultAccess(users)));
        return n;
    }

    /** The access of every entry without a password of its own. */
    static String defaultAccess(MenuUsers users) {
        return users.menuLocked() ? "--users=" + MenuUsers.SUPERUSER : FREE;
    }

    static String access(MenuUsers users, String imagePath) {
        MenuUsers.User u = users.forImage(imagePath);
        return u == null ? defaultAccess(users) : "--users=" + u.name();
    }

    static final String BACK_TITLE = "Back to the main menu";

    /**
     * The way out of a submenu without a superuser: the main menu again, read anew from the boot partition's
     * grub.cfg (its place from the exported {@code pb_pbinit}, which grub.cfg set from the boot partition; {@code root}
     * may have been changed by an entry that failed). Under Secure Boot configfile checks grub.cfg's signature as at
     * start.
     */
    static GrubScript.MenuEntry back() {
        return new GrubScript.MenuEntry(dev.polyboot.core.boot.GrubWord.lit(BACK_TITLE), List.of(FREE), List.of(), List.of(
                cmd("regexp", "--set=1:pb_br", "^\\(([^)]*)\\)", Grub.var("pb_pbinit")),
                cmd("configfile", Grub.word("(", Grub.v("pb_br"), ")" + EspContents.GRUB_CFG))));
    }

    static GrubScript.Command set(String access) {
        return cmd("set", VAR + "=" + access);
    }

    /** {@code lines} with the image's access set before them and the default after, when the image has its own. */
    static List<Node> around(MenuUsers users, String imagePath, List<? extends Node> lines) {
        List<Node> out = new ArrayList<>();
        String access = access(users, imagePath);
        boolean own = !access.equals(defaultAccess(users));
        if (own) out.add(set(access));
        out.addAll(lines);
        if (own) out.add(set(defaultAccess(users)));
        return out;
    }
}
